package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;

/**
 * The single-timestep estimator of the paper's Table 3, exact: per-example attention gradients of a
 * batch, stacked (examples x P, materialised), centred, and their top right singular vectors.
 */
public final class PerExampleGradientSvd {

    /** The top directions, the covariance's eigenvalues sigma^2 / N, and the batch's mean gradient. */
    public record Result(SedBasis basis, double[] eigenvalues, INDArray meanGradient) {}

    private PerExampleGradientSvd() {}

    /** At the model's current parameters, for one head's cross-entropy on {@code pairs}. */
    public static Result of(GrokTransformer model, int head, Pairs pairs, int k, Progress progress) {
        Task task = model.task();
        int n = pairs.size();
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(params.dataType(), params.layout().size());
        INDArray perExample = Nd4j.create(DataType.FLOAT, n, params.layout().attentionSize());
        for (int i = 0; i < n; i++) {
            Batch one = Batch.of(task, pairs.select(new int[]{i}));
            model.lossAndGradient(one, Objective.crossEntropy(head), grad);
            perExample.putRow(i, new Parameters(params.layout(), grad).attention());
            progress.tick("per-example gradients", i + 1, n);
        }
        INDArray mean = perExample.mean(0);
        SedBasis basis = RollingSvd.topK(perExample.subiRowVector(mean), k);
        double[] lambda = new double[basis.size()];
        for (int i = 0; i < lambda.length; i++) lambda[i] = basis.singularValues()[i] * basis.singularValues()[i] / n;
        return new Result(basis, lambda, mean);
    }
}
