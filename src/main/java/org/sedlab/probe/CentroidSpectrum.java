package org.sedlab.probe;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.linalg.SymmetricEigenvalues;

/**
 * The spectrum of a centroid matrix M (N x D): centre its columns, take the squared singular values
 * (eigenvalues of the D x D scatter matrix) as explained variance, normalised to sum to 1.
 */
public final class CentroidSpectrum {
    private final double[] explained;

    private CentroidSpectrum(double[] explained) { this.explained = explained; }

    public static CentroidSpectrum of(INDArray centroids) {
        return ofScatterEigenvalues(SymmetricEigenvalues.of(scatter(centroids.castTo(DataType.DOUBLE).toDoubleMatrix())));
    }

    /**
     * The D x D scatter matrix of the rows of m (N x D) about their mean, in Java and summed in order: a
     * BLAS product would round by the CPU it runs on.
     */
    static double[][] scatter(double[][] m) {
        int n = m.length;
        int d = n == 0 ? 0 : m[0].length;
        double[] mean = new double[d];
        for (double[] row : m) for (int c = 0; c < d; c++) mean[c] += row[c];
        for (int c = 0; c < d; c++) mean[c] /= n;
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) centred[i][c] = m[i][c] - mean[c];
        double[][] s = new double[d][d];
        for (double[] row : centred) {
            for (int a = 0; a < d; a++) {
                double ra = row[a];
                double[] sa = s[a];
                for (int b = a; b < d; b++) sa[b] += ra * row[b];
            }
        }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) s[a][b] = s[b][a];
        return s;
    }

    /** From the eigenvalues of the centred scatter matrix, largest first (a caller that has them already). */
    static CentroidSpectrum ofScatterEigenvalues(double[] eigenvalues) {
        double[] ev = eigenvalues.clone();
        double total = 0;
        for (int i = 0; i < ev.length; i++) {
            ev[i] = Math.max(ev[i], 0);
            total += ev[i];
        }
        for (int i = 0; i < ev.length; i++) ev[i] = total > 0 ? ev[i] / total : 0;
        return new CentroidSpectrum(ev);
    }

    /** Explained-variance ratios, largest first. */
    public double[] explainedVariance() { return explained.clone(); }

    /** The smallest r whose top-r components explain at least {@code fraction} of the variance. */
    public int rankFor(double fraction) {
        double sum = 0;
        for (int r = 0; r < explained.length; r++) {
            sum += explained[r];
            if (sum >= fraction) return r + 1;
        }
        return explained.length;
    }

    /** rank-90: the number of components that explain 90 % of the centroid variance. */
    public int rank90() { return rankFor(0.9); }
}
