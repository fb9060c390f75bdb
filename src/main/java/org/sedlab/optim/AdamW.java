package org.sedlab.optim;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sedlab.linalg.Blas;

/**
 * AdamW with PyTorch's semantics on a flat parameter vector: decoupled decay theta *= 1 - lr*wd,
 * then theta -= lr * m_hat / (sqrt(v_hat) + eps), with the bias corrections applied as PyTorch does
 * (step size lr/(1-b1^t), denominator sqrt(v)/sqrt(1-b2^t) + eps). With {@link UpdateRule#ADAM_L2} it is
 * PyTorch's Adam instead: the decay enters the gradient as g + wd theta, and nothing decays the weights.
 *
 * <p>One fused pass over blocks of the four vectors, in their own precision (float32 arithmetic for
 * float32 vectors, as PyTorch's step does): ND4J's nine separate passes took several times as long. Java
 * has no generics over primitive arrays, so the update's five lines are written once per precision.
 */
public final class AdamW implements ParameterUpdate {
    /** Values of each vector held at a time. */
    private static final int BLOCK = 2048;
    private static final String STEPS = "adam_steps";
    private static final String FIRST_MOMENT = "exp_avg";
    private static final String SECOND_MOMENT = "exp_avg_sq";

    private final AdamWSettings settings;
    private final INDArray m;
    private final INDArray v;
    private long t;

    public AdamW(AdamWSettings settings, long size, DataType dtype) {
        this.settings = settings;
        this.m = Nd4j.zeros(dtype, size);
        this.v = Nd4j.zeros(dtype, size);
    }

    public AdamWSettings settings() { return settings; }

    /** One update of {@code params} in place from {@code grad} (the L2 rule adds its penalty inside the pass; {@code grad} is left as it was). */
    @Override
    public void step(INDArray params, INDArray grad) {
        if (params.length() != m.length() || grad.length() != m.length() || params.dataType() != m.dataType()
                || grad.dataType() != m.dataType()) {
            throw new IllegalArgumentException("AdamW holds " + m.length() + " " + m.dataType() + " values; got "
                    + params.length() + " " + params.dataType() + " parameters and " + grad.length() + " " + grad.dataType() + " gradients");
        }
        t++;
        Coefficients c = new Coefficients(settings, t);
        int size = Math.toIntExact(m.length());
        if (m.dataType() == DataType.FLOAT) {
            stepFloat(c, size, Blas.view(params), Blas.view(grad), Blas.view(m), Blas.view(v));
        } else if (m.dataType() == DataType.DOUBLE) {
            stepDouble(c, size, doubles(params), doubles(grad), doubles(m), doubles(v));
        } else {
            throw new IllegalArgumentException("AdamW works on float32 or float64 vectors, not " + m.dataType());
        }
    }

    /**
     * The step's constants: decay 1 - lr wd (AdamW; 1 for Adam), the L2 penalty's wd (Adam; 0 for AdamW),
     * step size lr/(1-b1^t), and sqrt(1-b2^t).
     */
    private record Coefficients(double b1, double b2, double eps, double decay, double penalty, double stepSize, double sqrtCorrection2) {
        Coefficients(AdamWSettings s, long t) {
            this(s.beta1(), s.beta2(), s.eps(), s.updateRule() == UpdateRule.ADAM_L2 ? 1 : 1 - s.learningRate() * s.weightDecay(),
                    s.updateRule() == UpdateRule.ADAM_L2 ? s.weightDecay() : 0,
                    s.learningRate() / (1 - StrictMath.pow(s.beta1(), t)), Math.sqrt(1 - StrictMath.pow(s.beta2(), t)));
        }
    }

    /** By the native library where it runs ({@link NativeAdamW}: the same operations, so the same bits), else in Java. */
    private static void stepFloat(Coefficients c, int size, FloatBuffer params, FloatBuffer grad, FloatBuffer m1, FloatBuffer m2) {
        float b1 = (float) c.b1(), b2 = (float) c.b2(), eps = (float) c.eps(), decay = (float) c.decay();
        float stepSize = (float) c.stepSize(), correction = (float) c.sqrtCorrection2(), penalty = (float) c.penalty();
        if (NativeAdamW.takes(params, grad, m1, m2)) {
            NativeAdamW.update(params, grad, m1, m2, size, b1, b2, eps, decay, stepSize, correction, penalty);
        } else {
            stepFloatInJava(size, params, grad, m1, m2, b1, b2, eps, decay, stepSize, correction, penalty);
        }
    }

    /** The float32 step in Java, whatever the library: the definition {@link NativeAdamW} follows. */
    static void stepFloatInJava(int size, FloatBuffer params, FloatBuffer grad, FloatBuffer m1, FloatBuffer m2, float b1, float b2, float eps,
                                float decay, float stepSize, float correction, float penalty) {
        float[] p = new float[BLOCK], g = new float[BLOCK], m = new float[BLOCK], v = new float[BLOCK];
        for (int from = 0; from < size; from += BLOCK) {
            int len = Math.min(BLOCK, size - from);
            params.get(from, p, 0, len);
            grad.get(from, g, 0, len);
            m1.get(from, m, 0, len);
            m2.get(from, v, 0, len);
            if (penalty != 0) for (int i = 0; i < len; i++) g[i] += penalty * p[i];
            for (int i = 0; i < len; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] = p[i] * decay - stepSize * m[i] / ((float) Math.sqrt(v[i]) / correction + eps);
            }
            params.put(from, p, 0, len);
            m1.put(from, m, 0, len);
            m2.put(from, v, 0, len);
        }
    }

    private static void stepDouble(Coefficients c, int size, DoubleBuffer params, DoubleBuffer grad, DoubleBuffer m1, DoubleBuffer m2) {
        double b1 = c.b1(), b2 = c.b2(), eps = c.eps(), decay = c.decay(), stepSize = c.stepSize(), correction = c.sqrtCorrection2();
        double penalty = c.penalty();
        double[] p = new double[BLOCK], g = new double[BLOCK], m = new double[BLOCK], v = new double[BLOCK];
        for (int from = 0; from < size; from += BLOCK) {
            int len = Math.min(BLOCK, size - from);
            params.get(from, p, 0, len);
            grad.get(from, g, 0, len);
            m1.get(from, m, 0, len);
            m2.get(from, v, 0, len);
            if (penalty != 0) for (int i = 0; i < len; i++) g[i] += penalty * p[i];
            for (int i = 0; i < len; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                p[i] = p[i] * decay - stepSize * m[i] / (Math.sqrt(v[i]) / correction + eps);
            }
            params.put(from, p, 0, len);
            m1.put(from, m, 0, len);
            m2.put(from, v, 0, len);
        }
    }

    /** The float64 twin of {@link Blas#view}. */
    private static DoubleBuffer doubles(INDArray vector) {
        if (vector.length() > 1 && vector.elementWiseStride() != 1) {
            throw new IllegalArgumentException("AdamW needs contiguous vectors; got element stride " + vector.elementWiseStride());
        }
        DoubleBuffer all = vector.data().asNioDouble();
        return all.slice(all.position(), (int) vector.length());
    }

    /**
     * AdamW's state at one step read back from {@link #state()}: the moments and the step count, and the
     * directions its stages give (bias-corrected as the step applies them), for studies of which stage of
     * the optimizer does what.
     */
    public record Moments(long steps, INDArray firstMoment, INDArray secondMoment) {
        public static Moments of(Map<String, INDArray> state) {
            if (state.get(FIRST_MOMENT) == null || state.get(SECOND_MOMENT) == null || state.get(STEPS) == null) {
                throw new IllegalArgumentException("not an AdamW state: it needs " + FIRST_MOMENT + ", " + SECOND_MOMENT + " and " + STEPS);
            }
            long steps = state.get(STEPS).getLong(0);
            if (steps < 1) throw new IllegalArgumentException("an AdamW state before its first step has no direction");
            return new Moments(steps, state.get(FIRST_MOMENT).ravel(), state.get(SECOND_MOMENT).ravel());
        }

        /** The bias-corrected first moment m / (1 - b1^t): the momentum stage. */
        public INDArray momentum(AdamWSettings s) {
            return firstMoment.castTo(DataType.DOUBLE).div(1 - StrictMath.pow(s.beta1(), steps));
        }

        /** sqrt(v / (1 - b2^t)) + eps: what the adaptive stage divides by. */
        public INDArray denominator(AdamWSettings s) {
            return Transforms.sqrt(secondMoment.castTo(DataType.DOUBLE), true).div(Math.sqrt(1 - StrictMath.pow(s.beta2(), steps))).add(s.eps());
        }

        /** m_hat / (sqrt(v_hat) + eps): the step's direction before decay and learning rate. */
        public INDArray direction(AdamWSettings s) {
            return momentum(s).div(denominator(s));
        }
    }

    /** PyTorch's names for the moments, and the step count: the entries of existing resume files. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(STEPS, Nd4j.createFromArray(t));
        state.put(FIRST_MOMENT, m);
        state.put(SECOND_MOMENT, v);
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray firstMoment = state.get(FIRST_MOMENT);
        INDArray secondMoment = state.get(SECOND_MOMENT);
        if (firstMoment == null || secondMoment == null || state.get(STEPS) == null) {
            throw new IllegalArgumentException("the resume state has no AdamW moments (" + FIRST_MOMENT + ", " + SECOND_MOMENT + ", " + STEPS + ")");
        }
        if (firstMoment.length() != m.length() || secondMoment.length() != v.length()) {
            throw new IllegalArgumentException("optimizer state has " + firstMoment.length()
                    + " values but the model has " + m.length() + " parameters");
        }
        m.assign(firstMoment.reshape(m.shape()));
        v.assign(secondMoment.reshape(v.shape()));
        t = state.get(STEPS).getLong(0);
    }
}
