package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Pairs;
import org.sedlab.linalg.Lanczos;
import org.sedlab.model.GrokTransformer;

/**
 * The paper's proposed LLM-scale estimator, built: the top eigenvectors of the per-example gradient
 * covariance (or empirical Fisher) of one head's loss by Lanczos on {@link GradientCovariance}, so
 * memory does not grow with the batch. Its directions are Table 3's per-example directions.
 */
public final class FisherLanczos {
    /**
     * @param basis       the top-k directions, their "singular values" sqrt(N lambda) as the exact SVD of
     *                    the centred N x P matrix would give them
     * @param eigenvalues lambda_1..k of the covariance
     * @param residuals   the Ritz residuals ||C x - lambda x||
     * @param products    covariance-vector products spent
     */
    public record Result(SedBasis basis, double[] eigenvalues, double[] residuals, int products, boolean converged) {}

    private FisherLanczos() {}

    /** At the model's current parameters; the model is left as it was. */
    public static Result topK(GrokTransformer model, int head, Pairs batch, int k, FisherSettings settings) {
        GradientCovariance c = new GradientCovariance(model, head, batch, settings.centred(), settings.chunk(), settings.relativeStep());
        Lanczos.Result r = Lanczos.topK(c, k, settings.lanczos());
        INDArray directions = Nd4j.create(DataType.FLOAT, k, c.dimension());
        double[] sigma = new double[k];
        for (int i = 0; i < k; i++) {
            directions.putRow(i, Nd4j.createFromArray(r.vectors()[i]).castTo(DataType.FLOAT));
            sigma[i] = Math.sqrt(Math.max(0, r.values()[i]) * c.examples());
        }
        return new Result(new SedBasis(directions, sigma), r.values(), r.residuals(), r.products(), r.converged());
    }
}
