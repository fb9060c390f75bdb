package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void twoByTwoHasItsTextbookEigenpairs() {
        SymmetricEigen e = SymmetricEigen.of(new double[][]{{2, 1}, {1, 2}});
        assertArrayEquals(new double[]{3, 1}, e.values(), 1e-14);
        double[] v = e.vector(0);
        assertEquals(1 / Math.sqrt(2), Math.abs(v[0]), 1e-14);
        assertEquals(v[0], v[1], 1e-14);
    }

    @Test
    void randomSymmetricMatrixIsReconstructedFromOrthonormalEigenvectors() {
        int n = 30;
        double[][] a = randomGram(n, 5);
        SymmetricEigen e = SymmetricEigen.of(a);
        double[] lambda = e.values();
        for (int i = 1; i < n; i++) assertEquals(true, lambda[i - 1] >= lambda[i], "descending order");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    sum += e.vector(k)[i] * lambda[k] * e.vector(k)[j];
                    dot += e.vector(i)[k] * e.vector(j)[k];
                }
                assertEquals(a[i][j], sum, 1e-9 * n);
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
    }

    @Test
    void householderQlEigenvaluesEqualJacobiOnes() {
        int n = 60;
        double[][] a = randomGram(n, 8);
        assertArrayEquals(SymmetricEigen.of(a).values(), SymmetricEigenvalues.of(a), 1e-9 * n);
        assertArrayEquals(new double[]{3, 1}, SymmetricEigenvalues.of(new double[][]{{2, 1}, {1, 2}}), 1e-14);
    }

    /** B B^T for a Gaussian n x n matrix B: symmetric, positive semi-definite. */
    private static double[][] randomGram(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] b = new double[n][n];
        for (double[] row : b) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (int k = 0; k < n; k++) a[i][j] += b[i][k] * b[j][k];
        return a;
    }
}
