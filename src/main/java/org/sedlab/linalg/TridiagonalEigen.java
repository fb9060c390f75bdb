package org.sedlab.linalg;

import org.bytedeco.openblas.global.openblas;

/** Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by LAPACK's dstev (OpenBLAS), largest first. */
public final class TridiagonalEigen {
    private final double[] values;
    private final double[][] vectors;

    private TridiagonalEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * @param diagonal    the m diagonal entries (not modified)
     * @param offDiagonal the m - 1 entries beside the diagonal (not modified)
     */
    public static TridiagonalEigen of(double[] diagonal, double[] offDiagonal) {
        int m = diagonal.length;
        if (m == 0 || offDiagonal.length != m - 1) {
            throw new IllegalArgumentException("a tridiagonal matrix of order " + m + " needs " + Math.max(0, m - 1)
                    + " off-diagonal entries, got " + offDiagonal.length);
        }
        double[] d = diagonal.clone();
        double[] e = new double[Math.max(1, m - 1)]; // LAPACK reads no entry of it for m = 1, but wants an array
        System.arraycopy(offDiagonal, 0, e, 0, m - 1);
        double[] z = new double[m * m];
        int info = openblas.LAPACKE_dstev(openblas.LAPACK_ROW_MAJOR, (byte) 'V', m, d, e, z, m);
        if (info != 0) throw new ArithmeticException("LAPACK dstev did not converge (info " + info + ")");
        double[] values = new double[m];
        double[][] vectors = new double[m][m];
        for (int j = 0; j < m; j++) {
            int ascending = m - 1 - j;
            values[j] = d[ascending];
            for (int i = 0; i < m; i++) vectors[j][i] = z[i * m + ascending];
        }
        return new TridiagonalEigen(values, vectors);
    }

    /** Eigenvalues, largest first. */
    public double[] values() { return values.clone(); }

    /** Entry {@code row} of the eigenvector of the i-th largest eigenvalue (unit norm, sign arbitrary). */
    public double component(int i, int row) { return vectors[i][row]; }
}
