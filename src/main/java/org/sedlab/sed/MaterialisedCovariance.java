package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
        INDArray x = Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape(-1, 1);
        INDArray s = rows.mmul(x);
        double[] product = rows.transpose().mmul(s).reshape(-1).castTo(DataType.DOUBLE).toDoubleVector();
        double n = rows.rows();
        for (int j = 0; j < out.length; j++) out[j] = product[j] / n;
    }
}
