package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;

/** The materialised per-example attention gradients of a batch: one backward pass per example, N x P floats. */
public final class PerExampleGradients {
    private PerExampleGradients() {}

    /** Row i: the attention slice of the gradient of example i's cross-entropy under one head, at the model's parameters. */
    public static INDArray matrix(GrokTransformer model, int head, Pairs pairs, Progress progress) {
        int n = pairs.size();
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(params.dataType(), params.layout().size());
        INDArray rows = Nd4j.create(DataType.FLOAT, n, params.layout().attentionSize());
        for (int i = 0; i < n; i++) {
            model.lossAndGradient(Batch.of(model.task(), pairs.select(new int[]{i})), Objective.crossEntropy(head), grad);
            rows.putRow(i, new Parameters(params.layout(), grad).attention());
            progress.tick("per-example gradients", i + 1, n);
        }
        return rows;
    }
}
