package org.sedlab.sed;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.linalg.RowGram;
import org.sedlab.linalg.SymmetricEigen;

/**
 * Top right singular vectors of a W x P window (rows not centred, not normalised) through the W x W
 * Gram matrix: G = X X^T = U S^2 U^T, v_i = X^T u_i / s_i. Never forms a dense SVD of W x P.
 */
public final class RollingSvd {
    /** Singular values below this fraction of the largest count as zero (rank-deficient window). */
    private static final double RELATIVE_RANK_TOLERANCE = 1e-6;

    private RollingSvd() {}

    /**
     * Up to k directions; fewer when the window's rank is lower than k (e.g. W = 1 gives the
     * normalised row itself, and a window of repeated rows gives one direction).
     */
    public static SedBasis topK(INDArray window, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        SymmetricEigen eig = SymmetricEigen.of(RowGram.of(window));
        double[] lambda = eig.values();
        double top = Math.sqrt(Math.max(lambda[0], 0));
        int rank = 0;
        while (rank < Math.min(k, lambda.length)
                && Math.sqrt(Math.max(lambda[rank], 0)) > RELATIVE_RANK_TOLERANCE * top && top > 0) {
            rank++;
        }
        INDArray directions = Nd4j.create(DataType.DOUBLE, rank, window.columns());
        double[] sigma = new double[rank];
        for (int i = 0; i < rank; i++) {
            sigma[i] = Math.sqrt(lambda[i]);
            double[] v = RowGram.combine(window, eig.vector(i));
            double norm = 0;
            for (double value : v) norm += value * value;
            norm = Math.sqrt(norm);
            for (int c = 0; c < v.length; c++) v[c] /= norm;
            directions.putRow(i, Nd4j.createFromArray(v));
        }
        return new SedBasis(directions.castTo(window.dataType()), sigma);
    }
}
