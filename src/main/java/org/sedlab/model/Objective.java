package org.sedlab.model;

/**
 * The scalar a graph differentiates: a weighted sum over examples of one loss per example (summed
 * over heads when {@code head} is {@link #ALL_HEADS}). Cross-entropy is the training loss, by default
 * the mean over the batch; the logit objectives give centroids, by default the gradient of
 * sum_x z_{y_x} (or of sum_x sum_c z_c) with respect to the embedded input. Callers may weigh the
 * examples otherwise (the Fisher-vector product does).
 */
public record Objective(Kind kind, int head) {
    public static final int ALL_HEADS = -1;

    public enum Kind { CROSS_ENTROPY, TARGET_LOGIT, ALL_LOGITS }

    public Objective {
        if (kind != Kind.CROSS_ENTROPY && head == ALL_HEADS) {
            throw new IllegalArgumentException(kind + " needs one head, not all heads");
        }
    }

    public static Objective crossEntropy() { return new Objective(Kind.CROSS_ENTROPY, ALL_HEADS); }

    public static Objective crossEntropy(int head) { return new Objective(Kind.CROSS_ENTROPY, head); }

    public static Objective targetLogit(int head) { return new Objective(Kind.TARGET_LOGIT, head); }

    public static Objective allLogits(int head) { return new Objective(Kind.ALL_LOGITS, head); }

    /** Whether the heads' labels feed this objective. */
    public boolean needsLabels() { return kind != Kind.ALL_LOGITS; }

    public boolean usesHead(int h) { return head == ALL_HEADS || head == h; }

    /** The objective's own weights for n examples: 1/n for cross-entropy (the mean), 1 for the logit sums. */
    public double[] uniformWeights(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, kind == Kind.CROSS_ENTROPY ? 1.0 / n : 1.0);
        return w;
    }
}
