package org.sedlab.sed;

import java.nio.FloatBuffer;
import org.sedlab.linalg.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.linalg.LinearOperator;

/**
 * C v from the stored N x P matrix of per-example gradients, centred in place (or not): (1/N) X^T (X v).
 * What the exact estimator holds in memory; the scale benchmark runs the same Lanczos on it as on
 * {@link GradientCovariance}, so the two differ only in what they store.
 */
public final class MaterialisedCovariance implements LinearOperator {
    private final INDArray rows;

    /** Takes ownership of {@code rows} (float, N x P), which is centred in place when {@code centred}. */
    public MaterialisedCovariance(INDArray rows, boolean centred) {
        this.rows = centred ? rows.subiRowVector(rows.mean(0)) : rows;
    }

    @Override public int dimension() { return Math.toIntExact(rows.columns()); }

    @Override
    public void apply(double[] v, double[] out) {
        // In Java, summed in order in double: a BLAS product would round by the CPU it runs on
        int n = Math.toIntExact(rows.rows());
        int p = dimension();
        FloatBuffer x = Blas.view(rows);
        float[] row = new float[p];
        double[] sums = new double[p];
        for (int i = 0; i < n; i++) {
            x.get(i * p, row, 0, p);
            double s = 0;
            for (int c = 0; c < p; c++) s += row[c] * v[c];
            for (int c = 0; c < p; c++) sums[c] += s * row[c];
        }
        for (int c = 0; c < p; c++) out[c] = sums[c] / n;
    }
}
