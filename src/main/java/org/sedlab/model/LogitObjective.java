package org.sedlab.model;

import org.sedlab.linalg.PortableMath;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * An {@link Objective}'s value from the heads' logits (n x vocab, row-major) and, on request, its
 * gradient with respect to them: where the kernel's backward pass starts. The value is the weighted
 * sum over examples of each example's loss (its {@link Objective} term summed over the heads used), so
 * a caller's weights and the objective's own reduction ({@link Objective#uniformWeights}) are one code path.
 */
final class LogitObjective {
    private LogitObjective() {}

    /**
     * @param labels  per head, the n labels (null for heads the objective does not need)
     * @param weights per example, the weight of its loss in the sum
     * @param dLogits per head, a buffer of n x vocab that receives the gradient (heads the objective
     *                uses only), or null for the value only
     */
    static double evaluate(Objective objective, FloatBuffer[] logits, int n, int vocab, int[][] labels, double[] weights,
                           FloatBuffer[] dLogits) {
        if (weights.length != n) throw new IllegalArgumentException(weights.length + " example weights for " + n + " examples");
        double value = 0;
        for (int head = 0; head < logits.length; head++) {
            if (!objective.usesHead(head)) continue;
            FloatBuffer z = logits[head];
            FloatBuffer dz = dLogits == null ? null : dLogits[head];
            int[] y = objective.needsLabels() ? labelsOf(labels, head, n) : null;
            value += switch (objective.kind()) {
                case CROSS_ENTROPY -> crossEntropy(z, n, vocab, y, weights, dz);
                case TARGET_LOGIT -> targetLogit(z, n, vocab, y, weights, dz);
                case ALL_LOGITS -> allLogits(z, n, vocab, weights, dz);
            };
        }
        return value;
    }

    private static int[] labelsOf(int[][] labels, int head, int n) {
        if (labels == null || head >= labels.length || labels[head] == null || labels[head].length != n) {
            throw new IllegalArgumentException("the objective needs " + n + " labels for head " + head);
        }
        return labels[head];
    }

    /**
     * Sum over rows of w_i (logsumexp(z) - z_y); gradient w_i (softmax(z) - onehot(y)). Each row is read
     * once into an array and each exponential computed once: the four heads of a multitask step
     * spent more time here, in exp and single-element buffer reads, than in their matrix products.
     */
    private static double crossEntropy(FloatBuffer z, int n, int vocab, int[] y, double[] weights, FloatBuffer dz) {
        float[] row = new float[vocab];
        double[] exp = new double[vocab];
        float[] gradient = new float[vocab];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int o = i * vocab;
            z.get(o, row);
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < vocab; c++) max = Math.max(max, row[c]);
            double sum = 0;
            for (int c = 0; c < vocab; c++) {
                exp[c] = PortableMath.exp(row[c] - max);
                sum += exp[c];
            }
            total += weights[i] * (max + StrictMath.log(sum) - row[y[i]]);
            if (dz != null) {
                for (int c = 0; c < vocab; c++) gradient[c] = (float) ((exp[c] / sum - (c == y[i] ? 1 : 0)) * weights[i]);
                dz.put(o, gradient);
            }
        }
        return total;
    }

    /** Sum over rows of w_i z_y: gradient w_i onehot(y), written a row at a time. */
    private static double targetLogit(FloatBuffer z, int n, int vocab, int[] y, double[] weights, FloatBuffer dz) {
        double total = 0;
        float[] gradient = new float[vocab];
        for (int i = 0; i < n; i++) {
            total += weights[i] * z.get(i * vocab + y[i]);
            if (dz != null) {
                gradient[y[i]] = (float) weights[i];
                dz.put(i * vocab, gradient);
                gradient[y[i]] = 0f;
            }
        }
        return total;
    }

    /** Sum over rows of w_i sum_c z_c: gradient w_i everywhere in row i. */
    private static double allLogits(FloatBuffer z, int n, int vocab, double[] weights, FloatBuffer dz) {
        double total = 0;
        float[] row = new float[vocab];
        for (int i = 0; i < n; i++) {
            z.get(i * vocab, row);
            double rowSum = 0;
            for (int c = 0; c < vocab; c++) rowSum += row[c];
            total += weights[i] * rowSum;
            if (dz != null) {
                Arrays.fill(row, (float) weights[i]);
                dz.put(i * vocab, row);
            }
        }
        return total;
    }
}
