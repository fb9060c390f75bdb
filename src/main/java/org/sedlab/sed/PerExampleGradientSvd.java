package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;

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
        int n = pairs.size();
        INDArray perExample = PerExampleGradients.matrix(model, head, pairs, progress);
        INDArray mean = perExample.mean(0);
        SedBasis basis = RollingSvd.topK(perExample.subiRowVector(mean), k);
        double[] lambda = new double[basis.size()];
        for (int i = 0; i < lambda.length; i++) lambda[i] = basis.singularValues()[i] * basis.singularValues()[i] / n;
        return new Result(basis, lambda, mean);
    }
}
