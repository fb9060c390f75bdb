package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TridiagonalEigenTest {

    @Test
    void secondDifferenceMatrixHasItsSineEigenpairs() {
        // 2 on the diagonal, -1 beside it: eigenvalues 2 - 2 cos(k pi / (m + 1)), eigenvectors sin(j k pi / (m + 1)).
        int m = 50;
        double[] diagonal = filled(m, 2);
        double[] offDiagonal = filled(m - 1, -1);
        TridiagonalEigen t = TridiagonalEigen.of(diagonal, offDiagonal);
        for (int i = 0; i < m; i++) {
            int k = m - i; // largest first
            assertEquals(2 - 2 * Math.cos(k * Math.PI / (m + 1)), t.values()[i], 1e-13, "eigenvalue " + i);
            double[] sine = new double[m];
            for (int j = 0; j < m; j++) sine[j] = Math.sin((j + 1) * k * Math.PI / (m + 1));
            double norm = Math.sqrt(Lanczos.dot(sine, sine));
            double sign = Math.signum(t.component(i, 0)) * Math.signum(sine[0]);
            for (int j = 0; j < m; j++) assertEquals(sign * sine[j] / norm, t.component(i, j), 1e-12, "vector " + i + " row " + j);
        }
        assertArrayEquals(t.values(), TridiagonalEigen.valuesOf(diagonal, offDiagonal), 0);
        assertArrayEquals(filled(m, 2), diagonal, 0, "input not modified");
        assertArrayEquals(filled(m - 1, -1), offDiagonal, 0, "input not modified");
    }

    @Test
    void orderOneAndDiagonalAndRepeatedEigenvalues() {
        TridiagonalEigen one = TridiagonalEigen.of(new double[]{-3.5}, new double[0]);
        assertArrayEquals(new double[]{-3.5}, one.values(), 0);
        assertEquals(1, Math.abs(one.component(0, 0)), 0);

        TridiagonalEigen diagonal = TridiagonalEigen.of(new double[]{1, -2, 7, 0}, new double[3]);
        assertArrayEquals(new double[]{7, 1, 0, -2}, diagonal.values(), 0);
        assertEquals(1, Math.abs(diagonal.component(0, 2)), 0);
        assertEquals(1, Math.abs(diagonal.component(3, 1)), 0);

        // Two decoupled copies of [[2, 1], [1, 2]] (a zero coupling in the middle): eigenvalues 3, 3, 1, 1.
        double[] d = {2, 2, 2, 2};
        double[] e = {1, 0, 1};
        TridiagonalEigen repeated = TridiagonalEigen.of(d, e);
        assertArrayEquals(new double[]{3, 3, 1, 1}, repeated.values(), 1e-14);
        assertEigenpairs(d, e, repeated, 1e-14);
    }

    @Test
    void randomTridiagonalsMatchJacobiAndGiveOrthonormalEigenpairs() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int m : new int[]{2, 3, 10, 80}) {
            double[] d = new double[m];
            double[] e = new double[m - 1];
            for (int i = 0; i < m; i++) d[i] = rng.nextGaussian();
            for (int i = 0; i < m - 1; i++) e[i] = rng.nextGaussian();
            TridiagonalEigen t = TridiagonalEigen.of(d, e);
            double[] jacobi = SymmetricEigen.of(dense(d, e)).values();
            double scale = Math.max(Math.abs(jacobi[0]), Math.abs(jacobi[m - 1]));
            assertArrayEquals(jacobi, t.values(), 1e-10 * scale, "order " + m);
            assertEigenpairs(d, e, t, 1e-12 * scale);
        }
    }

    @Test
    void sameInputGivesIdenticalBits() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 40;
        double[] d = new double[m];
        double[] e = new double[m - 1];
        for (int i = 0; i < m; i++) d[i] = rng.nextDouble();
        for (int i = 0; i < m - 1; i++) e[i] = rng.nextDouble();
        TridiagonalEigen first = TridiagonalEigen.of(d, e);
        TridiagonalEigen second = TridiagonalEigen.of(d.clone(), e.clone());
        assertArrayEquals(first.values(), second.values(), 0);
        for (int i = 0; i < m; i++) {
            for (int row = 0; row < m; row++) {
                assertEquals(Double.doubleToRawLongBits(first.component(i, row)), Double.doubleToRawLongBits(second.component(i, row)));
            }
        }
    }

    @Test
    void badShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.of(new double[3], new double[3]));
        assertEquals("a tridiagonal matrix of order 3 needs 2 off-diagonal entries, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TridiagonalEigen.of(new double[0], new double[0]));
    }

    /** Checks T v = lambda v for every pair and that the vectors are orthonormal. */
    private static void assertEigenpairs(double[] d, double[] e, TridiagonalEigen t, double tolerance) {
        int m = d.length;
        double[] lambda = t.values();
        for (int i = 0; i < m; i++) {
            for (int row = 0; row < m; row++) {
                double tv = d[row] * t.component(i, row);
                if (row > 0) tv += e[row - 1] * t.component(i, row - 1);
                if (row < m - 1) tv += e[row] * t.component(i, row + 1);
                assertEquals(lambda[i] * t.component(i, row), tv, tolerance, "T v = lambda v, pair " + i);
            }
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int row = 0; row < m; row++) dot += t.component(i, row) * t.component(j, row);
                assertEquals(i == j ? 1 : 0, dot, 1e-13, "orthonormal " + i + ", " + j);
            }
        }
    }

    private static double[][] dense(double[] d, double[] e) {
        int m = d.length;
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) a[i][i] = d[i];
        for (int i = 0; i < m - 1; i++) a[i][i + 1] = a[i + 1][i] = e[i];
        return a;
    }

    private static double[] filled(int length, double value) {
        double[] x = new double[length];
        java.util.Arrays.fill(x, value);
        return x;
    }
}
