package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenvaluesTest {

    @Test
    void secondDifferenceMatrixHasItsCosineEigenvalues() {
        int n = 40;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 2;
            if (i > 0) a[i][i - 1] = a[i - 1][i] = -1;
        }
        double[] values = SymmetricEigenvalues.of(a);
        for (int i = 0; i < n; i++) assertEquals(2 - 2 * Math.cos((n - i) * Math.PI / (n + 1)), values[i], 1e-13);
    }

    @Test
    void smallDiagonalAndRepeatedCases() {
        assertArrayEquals(new double[]{4.25}, SymmetricEigenvalues.of(new double[][]{{4.25}}), 0);
        assertArrayEquals(new double[]{3, 1}, SymmetricEigenvalues.of(new double[][]{{2, 1}, {1, 2}}), 1e-14);
        assertArrayEquals(new double[]{5, 0, -1}, SymmetricEigenvalues.of(new double[][]{{0, 0, 0}, {0, -1, 0}, {0, 0, 5}}), 0);
        // J - I for the 5 x 5 all-ones J: eigenvalues 4 once and -1 four times.
        double[][] a = new double[5][5];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) a[i][j] = i == j ? 0 : 1;
        assertArrayEquals(new double[]{4, -1, -1, -1, -1}, SymmetricEigenvalues.of(a), 1e-14);
    }

    @Test
    void randomSymmetricMatricesMatchJacobi() {
        for (int n : new int[]{3, 17, 60}) {
            double[][] a = randomSymmetric(n, n);
            double[][] copy = new double[n][];
            for (int i = 0; i < n; i++) copy[i] = a[i].clone();
            double[] jacobi = SymmetricEigen.of(a).values();
            double scale = Math.max(Math.abs(jacobi[0]), Math.abs(jacobi[n - 1]));
            assertArrayEquals(jacobi, SymmetricEigenvalues.of(a), 1e-10 * scale, "order " + n);
            for (int i = 0; i < n; i++) assertArrayEquals(copy[i], a[i], 0, "input not modified");
        }
    }

    @Test
    void lowRankScatterMatrixMatchesJacobi() {
        // Like a centroid scatter matrix: X^T X for 10 samples of dimension 50, so 40 eigenvalues are zero.
        int n = 50;
        SplittableRandom rng = new SplittableRandom(5);
        double[][] x = new double[10][n];
        for (double[] row : x) for (int j = 0; j < n; j++) row[j] = rng.nextGaussian();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) for (double[] row : x) a[i][j] += row[i] * row[j];
        double[] jacobi = SymmetricEigen.of(a).values();
        assertArrayEquals(jacobi, SymmetricEigenvalues.of(a), 1e-10 * jacobi[0]);
    }

    @Test
    void sameInputGivesIdenticalBitsAndTiming() {
        double[][] a = randomSymmetric(256, 7);
        for (int warm = 0; warm < 5; warm++) SymmetricEigenvalues.of(a);
        long start = System.nanoTime();
        int runs = 10;
        double[] first = SymmetricEigenvalues.of(a);
        for (int r = 1; r < runs; r++) {
            double[] again = SymmetricEigenvalues.of(a);
            for (int i = 0; i < first.length; i++) assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(again[i]));
        }
        System.out.printf("SymmetricEigenvalues 256 x 256: %.1f ms per call%n", (System.nanoTime() - start) / 1e6 / runs);
    }

    @Test
    void nonSquareIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> SymmetricEigenvalues.of(new double[][]{{1, 2}, {3}}));
        assertEquals("matrix is not square: row 1 has 1 columns", e.getMessage());
    }

    /** A Gaussian matrix symmetrised as (B + B^T) / 2. */
    private static double[][] randomSymmetric(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) a[i][j] = a[j][i] = rng.nextGaussian();
        }
        return a;
    }
}
