package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.linalg.PrincipalAngles;
import org.sedlab.model.GrokTransformer;

/**
 * fisher-lanczos against the exact per-example SVD on the same batch at one checkpoint: both bases'
 * eigenvalues and scores, the cosines of the principal angles between the two top-k subspaces, and
 * each Lanczos direction's |cosine| to the exact direction of the same rank.
 */
public record FisherAgreement(FisherLanczos.Result lanczos, DirectionScores lanczosScores, PerExampleGradientSvd.Result exact,
                              DirectionScores exactScores, double[] principalCosines, double[] directionCosines) {

    public static FisherAgreement of(FisherLanczos.Result lanczos, DirectionScores lanczosScores,
                                     PerExampleGradientSvd.Result exact, DirectionScores exactScores) {
        double[][] a = rows(lanczos.basis());
        double[][] b = rows(exact.basis());
        int k = Math.min(a.length, b.length);
        double[] matched = new double[k];
        for (int i = 0; i < k; i++) {
            double s = 0;
            for (int j = 0; j < a[i].length; j++) s += a[i][j] * b[i][j];
            matched[i] = Math.abs(s);
        }
        double[] principal = a.length == b.length ? PrincipalAngles.cosines(a, b) : new double[0];
        return new FisherAgreement(lanczos, lanczosScores, exact, exactScores, principal, matched);
    }

    /** Both estimators at the model's current parameters on the per-example batch of {@code op}. */
    public static FisherAgreement at(GrokTransformer model, long step, ModOp op, int batchSize, int k, FisherSettings settings,
                                     DirectionScores.Scoring scoring, Progress progress) {
        int head = model.task().head(op);
        Pairs pairs = PerExampleBatch.draw(model.task(), op, batchSize, scoring.seed());
        FisherLanczos.Result lanczos = FisherLanczos.topK(model, head, pairs, k, settings);
        PerExampleGradientSvd.Result exact = PerExampleGradientSvd.of(model, head, pairs, k, progress);
        INDArray mean = exact.meanGradient();
        return of(lanczos, scoring.score(model, step, lanczos.basis(), mean), exact, scoring.score(model, step, exact.basis(), mean));
    }

    private static double[][] rows(SedBasis basis) {
        double[][] out = new double[basis.size()][];
        for (int i = 0; i < out.length; i++) out[i] = basis.direction(i).toDoubleVector();
        return out;
    }
}
