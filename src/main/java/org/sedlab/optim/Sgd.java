package org.sedlab.optim;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.linalg.Blas;

/**
 * SGD with PyTorch's semantics, in float32: the weight decay as an L2 penalty, g' = g + wd theta; with
 * momentum (beta1 of the settings, no dampening) the buffer starts as the first g' and then
 * b = beta1 b + g'; theta -= lr b (or lr g' without momentum).
 */
public final class Sgd implements ParameterUpdate {
    private static final String BUFFER = "sgd_momentum";
    private static final String STEPS = "sgd_steps";

    private final AdamWSettings settings;
    private final boolean momentum;
    private final INDArray buffer;
    private long t;

    public Sgd(AdamWSettings settings, long size, DataType dtype) {
        if (dtype != DataType.FLOAT) throw new IllegalArgumentException("SGD runs in float32, not " + dtype + ": drop --precision");
        this.settings = settings;
        this.momentum = settings.updateRule() == UpdateRule.SGD_MOMENTUM;
        this.buffer = Nd4j.zeros(DataType.FLOAT, momentum ? size : 0);
    }

    @Override
    public void step(INDArray params, INDArray grad) {
        int size = Math.toIntExact(params.length());
        if (grad.length() != size || momentum && buffer.length() != size) {
            throw new IllegalArgumentException("SGD got " + size + " parameters and " + grad.length() + " gradients");
        }
        t++;
        FloatBuffer p = Blas.view(params);
        FloatBuffer g = Blas.view(grad);
        FloatBuffer b = momentum ? Blas.view(buffer) : null;
        float lr = (float) settings.learningRate(), wd = (float) settings.weightDecay(), beta = (float) settings.beta1();
        for (int i = 0; i < size; i++) {
            float d = g.get(i) + wd * p.get(i);
            if (momentum) {
                d = t == 1 ? d : beta * b.get(i) + d;
                b.put(i, d);
            }
            p.put(i, p.get(i) - lr * d);
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(STEPS, Nd4j.createFromArray(t));
        if (momentum) state.put(BUFFER, buffer.dup());
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        if (state.get(STEPS) == null || momentum && state.get(BUFFER) == null) {
            throw new IllegalArgumentException("the resume state has no SGD state: it was written by a run with another optimizer");
        }
        t = state.get(STEPS).getLong(0);
        if (momentum) buffer.assign(state.get(BUFFER).reshape(buffer.shape()));
    }
}
