package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.Engine;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;

/** The matrix-free product against the covariance built explicitly from per-example gradients. */
class GradientCovarianceTest {
    private static final int N = 24;

    /** A float model moved off its initialisation; {@code sharpen} scales the read-out so that losses become tiny. */
    static GrokTransformer model(Task task, long seed, double sharpen) {
        GrokTransformer m = GrokTransformer.initialised(task, seed, DataType.FLOAT).withEngine(Engine.KERNEL);
        INDArray flat = m.parameters().flat();
        flat.addi(Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[]{flat.length()})
                .castTo(DataType.FLOAT).muli(0.05));
        for (String h : m.architecture().heads()) m.parameters().view(h + ".weight").muli(sharpen);
        return m;
    }

    /** Per-example attention gradients, one row each (N x P, double). */
    static double[][] perExample(GrokTransformer model, int head, Pairs pairs) {
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(DataType.FLOAT, params.layout().size());
        double[][] rows = new double[pairs.size()][];
        for (int i = 0; i < rows.length; i++) {
            model.lossAndGradient(Batch.of(model.task(), pairs.select(new int[]{i})), Objective.crossEntropy(head), grad);
            rows[i] = new Parameters(params.layout(), grad).attention().toDoubleVector();
        }
        return rows;
    }

    /** (1/N) sum (g_n - c)(g_n - c)^T v with c the mean (centred) or zero. */
    static double[] explicitProduct(double[][] g, boolean centred, double[] v) {
        int p = v.length;
        double[] mean = new double[p];
        if (centred) for (double[] row : g) for (int j = 0; j < p; j++) mean[j] += row[j] / g.length;
        double[] out = new double[p];
        for (double[] row : g) {
            double s = 0;
            for (int j = 0; j < p; j++) s += (row[j] - mean[j]) * v[j];
            for (int j = 0; j < p; j++) out[j] += (row[j] - mean[j]) * s / g.length;
        }
        return out;
    }

    static double[] unit(int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[p];
        double norm = 0;
        for (int j = 0; j < p; j++) {
            v[j] = rng.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < p; j++) v[j] /= Math.sqrt(norm);
        return v;
    }

    private static void assertProductMatches(GrokTransformer model, int head, Pairs pairs, String what) {
        double[][] g = perExample(model, head, pairs);
        int p = g[0].length;
        // A random direction, and one inside the gradients' span (where C has its large eigenvalues).
        double[] random = unit(p, 5);
        double[] inSpan = new double[p];
        for (double[] row : g) for (int j = 0; j < p; j++) inSpan[j] += row[j];
        double norm = Math.sqrt(dot(inSpan, inSpan));
        for (int j = 0; j < p; j++) inSpan[j] /= norm;
        for (boolean centred : new boolean[]{true, false}) {
            GradientCovariance c = new GradientCovariance(model, head, pairs, centred, 10, GradientCovariance.DEFAULT_STEP);
            // Errors are measured against the operator's scale, ||C u|| for u in the span: a random
            // direction is nearly orthogonal to the N gradients, and C maps it to almost nothing.
            double scale = norm(explicitProduct(g, centred, inSpan));
            for (double[] v : new double[][]{random, inSpan}) {
                double[] ours = new double[p];
                c.apply(v, ours);
                double[] expected = explicitProduct(g, centred, v);
                double error = distance(expected, ours) / Math.max(norm(expected), scale);
                assertTrue(error < 3e-4, what + (centred ? " centred" : " uncentred") + (v == random ? ", random v" : ", v in span")
                        + ": error " + error);
            }
        }
    }

    private static double norm(double[] x) { return Math.sqrt(dot(x, x)); }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += (x[j] - y[j]) * (x[j] - y[j]);
        return Math.sqrt(s);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += x[j] * y[j];
        return s;
    }

    @Test
    void productMatchesTheExplicitCovariance() {
        Task task = Task.single(ModOp.ADD, 31);
        GrokTransformer model = model(task, 3, 1);
        assertProductMatches(model, 0, task.domain().sample(N, new SplittableRandom(1)), "add");
    }

    @Test
    void productHoldsWhenLossesAreTooSmallForFloat32() {
        // The pairs the model gets right, under a sharpened read-out: per-example losses far below
        // float32's resolution of logsumexp - z_y, as after grokking.
        Task task = Task.single(ModOp.MUL, 31);
        GrokTransformer model = model(task, 4, 1);
        Pairs domain = task.domain();
        int[] labels = domain.labels(ModOp.MUL, 31);
        double[][] z = model.logits(domain, 0).toDoubleMatrix();
        double[] margin = new double[domain.size()];
        for (int i = 0; i < margin.length; i++) {
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < z[i].length; c++) if (c != labels[i]) other = Math.max(other, z[i][c]);
            margin[i] = z[i][labels[i]] - other;
        }
        int[] right = java.util.stream.IntStream.range(0, margin.length).boxed().filter(i -> margin[i] > 0)
                .sorted((x, y) -> Double.compare(margin[y], margin[x])).limit(12).mapToInt(Integer::intValue).toArray();
        assertEquals(12, right.length, "pairs the model gets right");
        Pairs pairs = domain.select(right);
        // Scale the read-out so that the smallest margin becomes 25: every loss below 97 e^-25 = 1.4e-9.
        double scale = 25 / margin[right[right.length - 1]];
        model.parameters().view("head.weight").muli(scale);
        model.parameters().view("head.bias").muli(scale);
        double loss = model.loss(Batch.of(task, pairs), Objective.crossEntropy(0));
        assertTrue(loss < 1e-6, "the sharpened model's loss should be tiny, is " + loss);
        assertProductMatches(model, 0, pairs, "sharp mul");
    }

    @Test
    void aMultitaskHeadUsesItsOwnLossAndTheModelIsRestored() {
        Task task = Task.multitask(23);
        GrokTransformer model = model(task, 5, 1);
        INDArray before = model.parameters().flat().dup();
        assertProductMatches(model, 2, Pairs.domain(23, ModOp.values()[2].lowestOperand()).sample(N, new SplittableRandom(3)), "multitask head 2");
        assertEquals(0.0, model.parameters().flat().sub(before).norm2Number().doubleValue(), 0.0, "parameters restored bit for bit");
    }
}
