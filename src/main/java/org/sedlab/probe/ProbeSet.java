package org.sedlab.probe;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.data.RandomStreams;

/**
 * A fixed set of probe pairs for one op, drawn with replacement from that op's own pair domain
 * (a, b in [0, p), or [1, p) for mul, as the author's analyses do even on a multitask model trained
 * on [1, p)) and kept for a whole analysis, with that op's labels and head.
 */
public record ProbeSet(ModOp op, int head, Pairs pairs, int[] labels) {
    public static final int DEFAULT_SIZE = 1024;

    public static ProbeSet draw(Task task, ModOp op, int size, long seed) {
        checkSize(task, op, size);
        int head = task.head(op);
        Pairs pairs = Pairs.domain(task.p(), op.lowestOperand()).sample(size, new RandomStreams(seed).stream("probes-" + op.id()));
        return new ProbeSet(op, head, pairs, pairs.labels(op, task.p()));
    }

    /**
     * A probe count must lie between 1 and the op's number of pairs: probes are drawn with replacement,
     * so more than that only repeats pairs (and a huge count would exhaust memory).
     */
    public static void checkSize(Task task, ModOp op, int size) {
        int pairs = Pairs.domainSize(task.p(), op.lowestOperand());
        if (size < 1 || size > pairs) {
            throw new IllegalArgumentException("n-probes must lie in [1, " + pairs + "] (the " + op.id() + " pairs at p=" + task.p()
                    + "; probes are drawn with replacement, so more would only repeat pairs), got " + size);
        }
    }

    public int size() { return pairs.size(); }

    /** The simplified single-logit centroids mu_x = d z_y / d e_x, shape (N, 256): the paper's. */
    public INDArray centroids(GrokTransformer model) {
        return centroids(model, CentroidKind.SIMPLIFIED);
    }

    /** The centroids of the given kind, shape (N, 256). */
    public INDArray centroids(GrokTransformer model, CentroidKind kind) {
        return switch (kind) {
            case SIMPLIFIED -> model.centroids(pairs, labels, head);
            case FULL -> model.fullCentroids(pairs, head);
        };
    }
}
