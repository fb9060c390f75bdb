package org.sedlab.model;

import java.util.List;
import org.sedlab.data.Task;

/**
 * The shape of the paper's 2-layer pre-norm Transformer: sizes, and the names of its read-out
 * heads ("head" for a single task; "head_add", "head_sub", ... for the multitask model).
 */
public record Architecture(int vocab, int positions, int dModel, int nHeads, int dFF, int nLayers,
                           List<String> heads) {

    public Architecture {
        heads = List.copyOf(heads);
        if (dModel % nHeads != 0) {
            throw new IllegalArgumentException("d_model " + dModel + " is not divisible by " + nHeads + " heads");
        }
        if (heads.isEmpty()) throw new IllegalArgumentException("an architecture needs at least one head");
    }

    /** The paper's sizes (d_model 128, 4 heads, d_ff 256, 2 layers) for a task's vocabulary and heads. */
    public static Architecture forTask(Task task) {
        List<String> heads = task.isMultitask()
                ? task.ops().stream().map(op -> "head_" + op.id()).toList()
                : List.of("head");
        return new Architecture(task.p(), 2, 128, 4, 256, 2, heads);
    }

    public int headDim() { return dModel / nHeads; }

    /** Size of the centroid vector: the embedded input, positions x d_model. */
    public int embeddingSize() { return positions * dModel; }
}
