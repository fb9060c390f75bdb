package org.sedlab.probe;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.NativeMemory;
import org.sedlab.model.ShiftedAttention;

/**
 * Centroid response to an attention-space direction at the model's current weights:
 * A(v) = mean over probes of || (mu_x(theta + eps v) - mu_x(theta - eps v)) / (2 eps) ||^2 (mu: a
 * {@link CentroidKind}), with
 * eps = epsRel * ||theta_attn||. Only the attention slots move, and they are restored bit for bit.
 */
public final class Coupling {
    public static final double DEFAULT_EPS_REL = 0.005;

    private final GrokTransformer model;
    private final ProbeSet probes;
    private final CentroidKind centroid;
    private final double eps;

    /** The paper's measurement, with the simplified centroid. */
    public Coupling(GrokTransformer model, ProbeSet probes, double epsRel) {
        this(model, probes, CentroidKind.SIMPLIFIED, epsRel);
    }

    public Coupling(GrokTransformer model, ProbeSet probes, CentroidKind centroid, double epsRel) {
        if (!(epsRel > 0)) throw new IllegalArgumentException("relative epsilon must be positive, got " + epsRel);
        this.model = model;
        this.probes = probes;
        this.centroid = centroid;
        this.eps = epsRel * model.parameters().attention().norm2Number().doubleValue();
    }

    /** The absolute step eps used along each direction. */
    public double eps() { return eps; }

    /** A(v) for a direction of the attention space; v is normalised to unit length first. */
    public double response(INDArray direction) {
        INDArray attention = model.parameters().attention();
        if (direction.length() != attention.length()) {
            throw new IllegalArgumentException("direction has " + direction.length()
                    + " values; the attention space has " + attention.length());
        }
        INDArray unit = direction.castTo(attention.dataType()).reshape(attention.length());
        double h = eps / unit.norm2Number().doubleValue();
        INDArray plus = null;
        INDArray minus = null;
        INDArray squares = null;
        INDArray rows = null;
        try (ShiftedAttention shifted = new ShiftedAttention(model.parameters())) {
            shifted.to(unit, h);
            plus = probes.centroids(model, centroid);
            shifted.to(unit, -h);
            minus = probes.centroids(model, centroid);
            INDArray diff = plus.subi(minus).divi(2 * eps);
            squares = diff.mul(diff);
            rows = squares.sum(1);
            return rows.meanNumber().doubleValue();
        } finally {
            NativeMemory.free(plus, minus, squares, rows);
        }
    }

    /** A(r) for {@code count} fresh unit Gaussian directions, with their median: the random baseline. */
    public RandomBaseline randomBaseline(int count, RandomGenerator rng) {
        if (count <= 0) throw new IllegalArgumentException("random direction count must be positive, got " + count);
        double[] responses = new double[count];
        int n = (int) model.parameters().attention().length();
        for (int j = 0; j < count; j++) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
            INDArray direction = Nd4j.createFromArray(v);
            responses[j] = response(direction);
            NativeMemory.free(direction);
        }
        return new RandomBaseline(responses);
    }

    /** Responses to random directions; R divides by their median. */
    public record RandomBaseline(double[] responses) {
        public double median() {
            double[] s = responses.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
    }
}
