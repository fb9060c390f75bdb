package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.RandomStreams;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;

/**
 * The batch per-example estimators share (the exact SVD and Lanczos see the same examples), drawn
 * with replacement, and its mean gradient: the mean of the per-example gradients, in one pass.
 */
public final class PerExampleBatch {
    private PerExampleBatch() {}

    public static Pairs draw(Task task, ModOp op, int size, long seed) {
        if (size < 1) throw new IllegalArgumentException("a per-example batch needs at least one example, got " + size);
        return task.domain().sample(size, new RandomStreams(seed).stream("per-example-batch-" + op.id()));
    }

    /** The attention slice of the gradient of one head's mean cross-entropy over the pairs. */
    public static INDArray meanGradient(GrokTransformer model, int head, Pairs pairs) {
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(params.dataType(), params.layout().size());
        model.lossAndGradient(Batch.of(model.task(), pairs), Objective.crossEntropy(head), grad);
        return new Parameters(params.layout(), grad).attention().dup();
    }
}
