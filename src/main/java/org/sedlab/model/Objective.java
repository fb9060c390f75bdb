package org.sedlab.model;

/**
 * The scalar a graph differentiates. Cross-entropy is the training loss (mean over the batch,
 * summed over heads when {@code head} is {@link #ALL_HEADS}); the logit objectives give centroids:
 * the gradient of sum_x z_{y_x} (or of sum_x sum_c z_c) with respect to the embedded input.
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
}
