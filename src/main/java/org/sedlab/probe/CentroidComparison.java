package org.sedlab.probe;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.linalg.SymmetricEigen;

/**
 * How two centroid matrices of the same probes agree (the paper's Limitations: simplified vs full
 * centroid): their rank-90s, the mean per-probe cosine, the |cosine| of their first principal axes
 * (right singular vectors of the column-centred matrices), and two scores of their top-3 principal
 * subspaces. The author's score is the mean singular value of the element-wise absolute overlap
 * |V1 V2^T|; the standard one is the mean cosine of the principal angles, the singular values of
 * V1 V2^T itself. Taking absolute values first can only raise it, so the two are reported side by side.
 * The axis ratios lambda_2 / lambda_1 of each matrix say whether a first axis is defined at all: near
 * 1 (a Fourier feature's cos/sin pair), any direction of the pair is a first axis and top-1 cosines
 * between two such matrices mean little.
 */
public record CentroidComparison(int rank90First, int rank90Second, double meanCosine, double top1Cosine,
                                 double top3AbsoluteOverlap, double top3PrincipalAngleCosine,
                                 double axisRatioFirst, double axisRatioSecond) {
    /** The dimension of the compared principal subspaces. */
    public static final int SUBSPACE = 3;

    public static CentroidComparison of(INDArray first, INDArray second) {
        if (first.rows() != second.rows() || first.columns() != second.columns()) {
            throw new IllegalArgumentException("centroid matrices differ in shape: " + first.shapeInfoToString() + " vs " + second.shapeInfoToString());
        }
        double[][] a = first.toDoubleMatrix();
        double[][] b = second.toDoubleMatrix();
        SymmetricEigen ea = scatterEigen(a);
        SymmetricEigen eb = scatterEigen(b);
        double[][] va = new double[SUBSPACE][];
        double[][] vb = new double[SUBSPACE][];
        for (int i = 0; i < SUBSPACE; i++) {
            va[i] = ea.vector(i);
            vb[i] = eb.vector(i);
        }
        double[][] overlap = new double[SUBSPACE][SUBSPACE];
        double[][] absolute = new double[SUBSPACE][SUBSPACE];
        for (int i = 0; i < SUBSPACE; i++) {
            for (int j = 0; j < SUBSPACE; j++) {
                overlap[i][j] = dot(va[i], vb[j]);
                absolute[i][j] = Math.abs(overlap[i][j]);
            }
        }
        return new CentroidComparison(CentroidSpectrum.ofScatterEigenvalues(ea.values()).rank90(),
                CentroidSpectrum.ofScatterEigenvalues(eb.values()).rank90(),
                meanRowCosine(a, b), Math.abs(overlap[0][0]), meanSingularValue(absolute), meanSingularValue(overlap),
                axisRatio(ea), axisRatio(eb));
    }

    private static double meanRowCosine(double[][] a, double[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double na = Math.sqrt(dot(a[i], a[i]));
            double nb = Math.sqrt(dot(b[i], b[i]));
            // A zero centroid has no direction: it counts as orthogonal rather than vanishing from the mean.
            if (na > 0 && nb > 0) sum += dot(a[i], b[i]) / (na * nb);
        }
        return sum / a.length;
    }

    private static double axisRatio(SymmetricEigen e) {
        double[] values = e.values();
        return values[0] > 0 ? values[1] / values[0] : Double.NaN;
    }

    /** The scatter matrix of the column-centred matrix: its eigenvectors are the right singular vectors. */
    private static SymmetricEigen scatterEigen(double[][] m) {
        return SymmetricEigen.of(CentroidSpectrum.scatter(m));
    }

    /** Singular values of a small square matrix M: square roots of the eigenvalues of M^T M. */
    private static double meanSingularValue(double[][] m) {
        int n = m.length;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int r = 0; r < n; r++) gram[i][j] += m[r][i] * m[r][j];
        double sum = 0;
        for (double ev : SymmetricEigen.of(gram).values()) sum += Math.sqrt(Math.max(ev, 0));
        return sum / n;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
