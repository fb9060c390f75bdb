package org.sedlab.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AdamW with PyTorch's semantics on a flat parameter vector: decoupled decay theta *= 1 - lr*wd,
 * then theta -= lr * m_hat / (sqrt(v_hat) + eps), with the bias corrections applied as PyTorch does
 * (step size lr/(1-b1^t), denominator sqrt(v)/sqrt(1-b2^t) + eps).
 */
public final class AdamW {
    private final AdamWSettings settings;
    private final INDArray m;
    private final INDArray v;
    /** Scratch for g^2 and then the step direction: a step allocates nothing (fresh native buffers cost more than the arithmetic). */
    private final INDArray scratch;
    private long t;

    public AdamW(AdamWSettings settings, long size, DataType dtype) {
        this.settings = settings;
        this.m = Nd4j.zeros(dtype, size);
        this.v = Nd4j.zeros(dtype, size);
        this.scratch = Nd4j.zeros(dtype, size);
    }

    public AdamWSettings settings() { return settings; }

    /** One update of {@code params} in place from {@code grad}. */
    public void step(INDArray params, INDArray grad) {
        t++;
        double lr = settings.learningRate();
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        params.muli(1 - lr * settings.weightDecay());
        Nd4j.getBlasWrapper().level1().axpy(m.length(), 1 - b1, grad, m.muli(b1));
        Nd4j.getBlasWrapper().level1().axpy(v.length(), 1 - b2, scratch.assign(grad).muli(grad), v.muli(b2));
        double stepSize = lr / (1 - Math.pow(b1, t));
        // scratch = m / (sqrt(v) / sqrt(1 - b2^t) + eps)
        Nd4j.exec(new Sqrt(v, scratch));
        scratch.divi(Math.sqrt(1 - Math.pow(b2, t))).addi(settings.eps());
        m.div(scratch, scratch);
        Nd4j.getBlasWrapper().level1().axpy(params.length(), -stepSize, scratch, params);
    }

    /** First moment (exp_avg), live. */
    public INDArray firstMoment() { return m; }

    /** Second moment (exp_avg_sq), live. */
    public INDArray secondMoment() { return v; }

    /** Number of steps taken. */
    public long steps() { return t; }

    /** Restores a saved state (resume). */
    public void restore(INDArray firstMoment, INDArray secondMoment, long steps) {
        if (firstMoment.length() != m.length() || secondMoment.length() != v.length()) {
            throw new IllegalArgumentException("optimizer state has " + firstMoment.length()
                    + " values but the model has " + m.length() + " parameters");
        }
        m.assign(firstMoment.reshape(m.shape()));
        v.assign(secondMoment.reshape(v.shape()));
        t = steps;
    }
}
