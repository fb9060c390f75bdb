package org.sedlab.model;

import java.nio.FloatBuffer;

/**
 * An {@link Objective}'s value from the heads' logits (n x vocab, row-major) and, on request, its
 * gradient with respect to them: where the kernel's backward pass starts.
 */
final class LogitObjective {
    private LogitObjective() {}

    /**
     * @param labels  per head, the n labels (null for heads the objective does not need)
     * @param dLogits per head, a buffer of n x vocab that receives the gradient (heads the objective
     *                uses only), or null for the value only
     */
    static double evaluate(Objective objective, FloatBuffer[] logits, int n, int vocab, int[][] labels, FloatBuffer[] dLogits) {
        double value = 0;
        for (int head = 0; head < logits.length; head++) {
            if (!objective.usesHead(head)) continue;
            FloatBuffer z = logits[head];
            FloatBuffer dz = dLogits == null ? null : dLogits[head];
            int[] y = objective.needsLabels() ? labelsOf(labels, head, n) : null;
            value += switch (objective.kind()) {
                case CROSS_ENTROPY -> crossEntropy(z, n, vocab, y, dz);
                case TARGET_LOGIT -> targetLogit(z, n, vocab, y, dz);
                case ALL_LOGITS -> allLogits(z, n, vocab, dz);
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
     * Mean over rows of logsumexp(z) - z_y; gradient (softmax(z) - onehot(y)) / n. Each row is read
     * once into an array and each exponential computed once: the four heads of a multitask step
     * spent more time here, in exp and single-element buffer reads, than in their matrix products.
     */
    private static double crossEntropy(FloatBuffer z, int n, int vocab, int[] y, FloatBuffer dz) {
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
                exp[c] = Math.exp(row[c] - max);
                sum += exp[c];
            }
            total += max + Math.log(sum) - row[y[i]];
            if (dz != null) {
                for (int c = 0; c < vocab; c++) gradient[c] = (float) ((exp[c] / sum - (c == y[i] ? 1 : 0)) / n);
                dz.put(o, gradient);
            }
        }
        return total / n;
    }

    /** Sum over rows of z_y: gradient onehot(y). */
    private static double targetLogit(FloatBuffer z, int n, int vocab, int[] y, FloatBuffer dz) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += z.get(i * vocab + y[i]);
            if (dz != null) {
                for (int c = 0; c < vocab; c++) dz.put(i * vocab + c, c == y[i] ? 1f : 0f);
            }
        }
        return total;
    }

    /** Sum of every logit: gradient all ones. */
    private static double allLogits(FloatBuffer z, int n, int vocab, FloatBuffer dz) {
        double total = 0;
        for (int j = 0; j < n * vocab; j++) {
            total += z.get(j);
            if (dz != null) dz.put(j, 1f);
        }
        return total;
    }
}
