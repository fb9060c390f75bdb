package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;
import org.sedlab.linalg.Lanczos;
import org.sedlab.linalg.LanczosSettings;
import org.sedlab.linalg.PrincipalAngles;
import org.sedlab.model.GrokTransformer;

/** fisher-lanczos gives the exact per-example SVD's directions and eigenvalues, without the N x P matrix. */
class FisherLanczosTest {
    private static final FisherSettings SETTINGS = FisherSettings.defaults().chunk(16)
            .lanczos(LanczosSettings.defaults().tolerance(1e-4).maxIterations(60).seed(3).build()).build();

    @Test
    void agreesWithTheExactPerExampleSvdOnTheSameBatch() {
        Task task = Task.single(ModOp.SUB, 31);
        GrokTransformer model = GradientCovarianceTest.model(task, 8, 1);
        Pairs pairs = task.domain().sample(40, new SplittableRandom(4));
        PerExampleGradientSvd.Result exact = PerExampleGradientSvd.of(model, 0, pairs, 3, Progress.SILENT);
        FisherLanczos.Result lanczos = FisherLanczos.topK(model, 0, pairs, 3, SETTINGS);
        assertTrue(lanczos.converged(), "residuals " + java.util.Arrays.toString(lanczos.residuals()));
        for (int i = 0; i < 3; i++) {
            assertEquals(exact.eigenvalues()[i], lanczos.eigenvalues()[i], 1e-3 * exact.eigenvalues()[0], "eigenvalue " + i);
            assertEquals(exact.basis().singularValues()[i], lanczos.basis().singularValues()[i],
                    1e-3 * exact.basis().singularValues()[0], "singular value " + i);
        }
        FisherAgreement a = FisherAgreement.of(lanczos, null, exact, null);
        for (double c : a.principalCosines()) assertTrue(c > 0.999, "principal cosines " + java.util.Arrays.toString(a.principalCosines()));
        assertTrue(lanczos.products() < 60);
    }

    @Test
    void theMaterialisedOperatorHasTheSameSpectrum() {
        Task task = Task.single(ModOp.ADD, 31);
        GrokTransformer model = GradientCovarianceTest.model(task, 9, 1);
        Pairs pairs = task.domain().sample(24, new SplittableRandom(5));
        INDArray rows = PerExampleGradients.matrix(model, 0, pairs, Progress.SILENT);
        double[][] g = rows.toDoubleMatrix();
        MaterialisedCovariance stored = new MaterialisedCovariance(rows, true);
        double[] v = GradientCovarianceTest.unit(stored.dimension(), 6);
        double[] ours = new double[v.length];
        stored.apply(v, ours);
        double[] expected = GradientCovarianceTest.explicitProduct(g, true, v);
        double diff = 0;
        double norm = 0;
        for (int j = 0; j < v.length; j++) {
            diff += Math.pow(ours[j] - expected[j], 2);
            norm += expected[j] * expected[j];
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-5, "materialised product error " + Math.sqrt(diff / norm));
        Lanczos.Result onStored = Lanczos.topK(stored, 3, SETTINGS.lanczos());
        FisherLanczos.Result matrixFree = FisherLanczos.topK(model, 0, pairs, 3, SETTINGS);
        double[][] a = new double[3][];
        double[][] b = new double[3][];
        for (int i = 0; i < 3; i++) {
            assertEquals(onStored.values()[i], matrixFree.eigenvalues()[i], 1e-3 * onStored.values()[0], "eigenvalue " + i);
            a[i] = onStored.vectors()[i];
            b[i] = matrixFree.basis().direction(i).toDoubleVector();
        }
        for (double c : PrincipalAngles.cosines(a, b)) assertTrue(c > 0.999, "principal cosine " + c);
    }
}
