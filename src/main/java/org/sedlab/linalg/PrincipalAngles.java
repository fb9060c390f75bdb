package org.sedlab.linalg;

/**
 * Cosines of the principal angles between the spans of two orthonormal sets of k vectors: the singular
 * values of the k x k matrix of their inner products, largest first (1: a shared direction).
 */
public final class PrincipalAngles {
    private PrincipalAngles() {}

    public static double[] cosines(double[][] a, double[][] b) {
        int k = a.length;
        if (b.length != k) throw new IllegalArgumentException("subspaces of " + k + " and " + b.length + " vectors");
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) m[i][j] = dot(a[i], b[j]);
        }
        double[][] gram = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                for (int l = 0; l < k; l++) gram[i][j] += m[l][i] * m[l][j];
            }
        }
        double[] lambda = SymmetricEigen.of(gram).values();
        double[] cos = new double[k];
        for (int i = 0; i < k; i++) cos[i] = Math.min(1, Math.sqrt(Math.max(0, lambda[i])));
        return cos;
    }

    private static double dot(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("vectors of " + x.length + " and " + y.length + " values");
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }
}
