package org.sedlab.linalg;

/**
 * Eigenvalues alone of a symmetric matrix: Householder reduction to tridiagonal form, then the implicit
 * QL sweeps of {@link TridiagonalEigen} without vectors, all in double precision. Pure Java with a fixed
 * order of operations, so the bits depend on the input alone and not on the CPU, unlike the LAPACK
 * (OpenBLAS) dsyev it replaces. O(n^3) with a small constant: the centroid spectrum's 256 x 256 scatter
 * matrix takes tens of milliseconds, against 0.3 s by Jacobi rotations ({@link SymmetricEigen}).
 */
public final class SymmetricEigenvalues {
    private SymmetricEigenvalues() {}

    /** The eigenvalues of {@code a} (not modified; only its upper triangle is read, as LAPACK did), largest first. */
    public static double[] of(double[][] a) {
        int n = a.length;
        double[][] work = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) throw new IllegalArgumentException("matrix is not square: row " + i + " has " + a[i].length + " columns");
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                work[i][j] = a[i][j];
                work[j][i] = a[i][j];
            }
        }
        if (n == 0) return new double[0];
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[n - 1];
        tridiagonalise(work, diagonal, offDiagonal);
        return TridiagonalEigen.valuesOf(diagonal, offDiagonal);
    }

    /**
     * Reduces the symmetric {@code work} (destroyed) to the tridiagonal Q^T A Q by n - 2 Householder
     * reflections. Reflection k maps column k below the diagonal onto its first entry; it is applied to the
     * trailing block as the rank-2 update A - v w^T - w v^T (w = p - (tau/2)(v.p) v, p = tau A v), which keeps
     * the block exactly symmetric, so rows can stand in for columns and every loop runs along a row.
     */
    private static void tridiagonalise(double[][] work, double[] diagonal, double[] offDiagonal) {
        int n = work.length;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n - 2; k++) {
            double[] column = work[k]; // row k = column k by symmetry
            diagonal[k] = column[k];
            // Scale by the largest entry so the squares neither overflow nor underflow.
            double scale = 0;
            for (int i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(column[i]));
            double tailSquares = 0;
            for (int i = k + 2; i < n; i++) tailSquares += (column[i] / scale) * (column[i] / scale);
            if (scale == 0 || tailSquares == 0) { // already tridiagonal in this column
                offDiagonal[k] = column[k + 1];
                continue;
            }
            double head = column[k + 1] / scale;
            double length = Math.sqrt(head * head + tailSquares);
            double alpha = head >= 0 ? -length : length; // opposite sign to head: v's first entry has no cancellation
            offDiagonal[k] = alpha * scale;
            v[k + 1] = head - alpha;
            for (int i = k + 2; i < n; i++) v[i] = column[i] / scale;
            double tau = 2 / (v[k + 1] * v[k + 1] + tailSquares);
            // p = tau A v (stored in w), then w = p - (tau / 2)(v . p) v.
            double vDotP = 0;
            for (int i = k + 1; i < n; i++) {
                double[] row = work[i];
                double sum = 0;
                for (int j = k + 1; j < n; j++) sum += row[j] * v[j];
                w[i] = tau * sum;
                vDotP += v[i] * w[i];
            }
            double halfTauVDotP = 0.5 * tau * vDotP;
            for (int i = k + 1; i < n; i++) w[i] -= halfTauVDotP * v[i];
            for (int i = k + 1; i < n; i++) {
                double[] row = work[i];
                double vi = v[i];
                double wi = w[i];
                for (int j = k + 1; j < n; j++) row[j] -= vi * w[j] + wi * v[j];
            }
        }
        if (n >= 2) {
            diagonal[n - 2] = work[n - 2][n - 2];
            offDiagonal[n - 2] = work[n - 1][n - 2];
        }
        diagonal[n - 1] = work[n - 1][n - 1];
    }
}
