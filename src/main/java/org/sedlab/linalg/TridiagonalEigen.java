package org.sedlab.linalg;

/**
 * Eigenvalues and eigenvectors of a symmetric tridiagonal matrix by the implicit QL algorithm with
 * Wilkinson shifts, largest first. Pure Java double arithmetic (only + - * / and Math.sqrt, all exactly
 * rounded) in a fixed order, so the result depends on the input alone and not on the CPU, unlike the
 * LAPACK (OpenBLAS) dstev it replaces, whose kernels are chosen per processor.
 */
public final class TridiagonalEigen {
    /** Spare sweeps allowed per eigenvalue; implicit QL typically needs 1 to 3. */
    private static final int SWEEPS_PER_EIGENVALUE = 60;
    private static final double EPSILON = Math.ulp(1.0);

    private final double[] values;
    /** vectors[i] is the unit eigenvector of values[i]. */
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
        int m = checkedOrder(diagonal, offDiagonal);
        double[] d = diagonal.clone();
        double[][] vectors = new double[m][m];
        for (int i = 0; i < m; i++) vectors[i][i] = 1;
        implicitQl(d, paddedOffDiagonal(offDiagonal, m), vectors);
        sortDescending(d, vectors);
        return new TridiagonalEigen(d, vectors);
    }

    /** The eigenvalues alone, largest first, in O(m^2): the same QL sweeps without accumulating vectors. */
    static double[] valuesOf(double[] diagonal, double[] offDiagonal) {
        int m = checkedOrder(diagonal, offDiagonal);
        double[] d = diagonal.clone();
        implicitQl(d, paddedOffDiagonal(offDiagonal, m), null);
        sortDescending(d, null);
        return d;
    }

    /** Eigenvalues, largest first. */
    public double[] values() { return values.clone(); }

    /** Entry {@code row} of the eigenvector of the i-th largest eigenvalue (unit norm, sign arbitrary). */
    public double component(int i, int row) { return vectors[i][row]; }

    private static int checkedOrder(double[] diagonal, double[] offDiagonal) {
        int m = diagonal.length;
        if (m == 0 || offDiagonal.length != m - 1) {
            throw new IllegalArgumentException("a tridiagonal matrix of order " + m + " needs " + Math.max(0, m - 1)
                    + " off-diagonal entries, got " + offDiagonal.length);
        }
        return m;
    }

    /** e[i] couples rows i and i + 1; the extra e[m - 1] = 0 lets the splitting search stop at the end. */
    private static double[] paddedOffDiagonal(double[] offDiagonal, int m) {
        double[] e = new double[m];
        System.arraycopy(offDiagonal, 0, e, 0, m - 1);
        return e;
    }

    /**
     * Diagonalises the tridiagonal (d, e) in place: d ends as the eigenvalues (unsorted), e as zeros.
     * Each sweep chases a bulge up from the bottom of the unreduced block [low, high] by Givens rotations,
     * shifted by the eigenvalue of the leading 2 x 2 nearer d[low] (Wilkinson), until e[low] is negligible.
     * If {@code vectors} is not null, the rotations are applied to its rows (row i then holds the
     * eigenvector of d[i]).
     */
    private static void implicitQl(double[] d, double[] e, double[][] vectors) {
        int m = d.length;
        int sweepsLeft = SWEEPS_PER_EIGENVALUE * m;
        for (int low = 0; low < m; low++) {
            while (true) {
                int high = low;
                while (high < m - 1 && Math.abs(e[high]) > EPSILON * (Math.abs(d[high]) + Math.abs(d[high + 1]))) high++;
                if (high == low) break; // d[low] has converged
                if (sweepsLeft-- == 0) {
                    throw new ArithmeticException("tridiagonal QL did not converge in " + SWEEPS_PER_EIGENVALUE * m
                            + " sweeps (order " + m + ")");
                }
                // Wilkinson shift, written as g = d[high] - shift so that the first rotation needs no subtraction.
                double theta = (d[low + 1] - d[low]) / (2 * e[low]);
                double root = norm(theta, 1);
                double g = d[high] - d[low] + e[low] / (theta + (theta >= 0 ? root : -root));
                double sin = 1;
                double cos = 1;
                double shiftCorrection = 0;
                boolean underflow = false;
                for (int i = high - 1; i >= low; i--) {
                    double f = sin * e[i];
                    double b = cos * e[i];
                    double r = norm(f, g);
                    e[i + 1] = r;
                    if (r == 0) { // the bulge vanished: the matrix splits here, restart on the smaller block
                        d[i + 1] -= shiftCorrection;
                        e[high] = 0;
                        underflow = true;
                        break;
                    }
                    sin = f / r;
                    cos = g / r;
                    g = d[i + 1] - shiftCorrection;
                    r = (d[i] - g) * sin + 2 * cos * b;
                    shiftCorrection = sin * r;
                    d[i + 1] = g + shiftCorrection;
                    g = cos * r - b;
                    if (vectors != null) rotate(vectors[i], vectors[i + 1], cos, sin);
                }
                if (underflow) continue;
                d[low] -= shiftCorrection;
                e[low] = g;
                e[high] = 0;
            }
        }
    }

    /** (x, y) <- (c x - s y, s x + c y), entry by entry. */
    private static void rotate(double[] x, double[] y, double c, double s) {
        for (int k = 0; k < x.length; k++) {
            double xk = x[k];
            double yk = y[k];
            x[k] = c * xk - s * yk;
            y[k] = s * xk + c * yk;
        }
    }

    /** sqrt(a^2 + b^2) without overflow or harmful underflow; Math.hypot is avoided as it is not exactly specified. */
    static double norm(double a, double b) {
        double big = Math.max(Math.abs(a), Math.abs(b));
        if (big == 0) return 0;
        double small = Math.min(Math.abs(a), Math.abs(b)) / big;
        return big * Math.sqrt(1 + small * small);
    }

    /** Selection sort into descending order, moving the vectors (if any) along; O(m^2) is negligible here. */
    private static void sortDescending(double[] d, double[][] vectors) {
        for (int i = 0; i < d.length - 1; i++) {
            int largest = i;
            for (int j = i + 1; j < d.length; j++) if (d[j] > d[largest]) largest = j;
            if (largest == i) continue;
            double value = d[i];
            d[i] = d[largest];
            d[largest] = value;
            if (vectors != null) {
                double[] vector = vectors[i];
                vectors[i] = vectors[largest];
                vectors[largest] = vector;
            }
        }
    }
}
