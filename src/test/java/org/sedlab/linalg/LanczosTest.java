package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Lanczos on operators whose spectra are known, hidden behind a Householder reflection H D H. */
class LanczosTest {
    private static final int N = 400;

    /** H D H with H = I - 2 u u^T: eigenvalues d, eigenvectors H e_i, every product O(n). */
    private record Reflected(double[] d, double[] u) implements LinearOperator {
        static Reflected of(double[] d, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] u = new double[d.length];
            for (int i = 0; i < u.length; i++) u[i] = rng.nextGaussian();
            double norm = Math.sqrt(Lanczos.dot(u, u));
            for (int i = 0; i < u.length; i++) u[i] /= norm;
            return new Reflected(d, u);
        }

        @Override public int dimension() { return d.length; }

        @Override public void apply(double[] x, double[] out) {
            double[] hx = reflect(x);
            for (int i = 0; i < hx.length; i++) hx[i] *= d[i];
            System.arraycopy(reflect(hx), 0, out, 0, out.length);
        }

        double[] reflect(double[] x) {
            double c = 2 * Lanczos.dot(u, x);
            double[] y = x.clone();
            for (int i = 0; i < y.length; i++) y[i] -= c * u[i];
            return y;
        }

        double[] eigenvector(int i) {
            double[] e = new double[d.length];
            e[i] = 1;
            return reflect(e);
        }
    }

    /** A bulk spread over [0, 1) with the given top eigenvalues on the first coordinates. */
    private static double[] spectrum(double... top) {
        double[] d = new double[N];
        for (int i = 0; i < N; i++) d[i] = (i * 0.618034) % 1.0;
        System.arraycopy(top, 0, d, 0, top.length);
        return d;
    }

    private static LanczosSettings settings(long seed) {
        return LanczosSettings.defaults().tolerance(1e-10).maxIterations(200).seed(seed).build();
    }

    @Test
    void wellSeparatedTopEigenpairsAreFoundToRounding() {
        Reflected a = Reflected.of(spectrum(100, 50, 20), 1);
        Lanczos.Result r = Lanczos.topK(a, 3, settings(7));
        assertTrue(r.converged());
        assertArrayEquals(new double[]{100, 50, 20}, r.values(), 1e-9);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, Math.abs(Lanczos.dot(a.eigenvector(i), r.vectors()[i])), 1e-9, "eigenvector " + i);
        }
        assertTrue(r.products() < 60, "a gap of 20 to the bulk converges fast; took " + r.products());
    }

    @Test
    void aTightClusterIsResolvedAndItsSubspaceCaptured() {
        // Three eigenvalues within 2e-4 of each other, above a bulk that reaches 1: no eigen-gap inside the cluster.
        Reflected a = Reflected.of(spectrum(2.0, 2.0 - 1e-4, 2.0 - 2e-4), 3);
        Lanczos.Result r = Lanczos.topK(a, 3, settings(11));
        assertTrue(r.converged(), "residuals " + java.util.Arrays.toString(r.residuals()));
        assertArrayEquals(new double[]{2.0, 2.0 - 1e-4, 2.0 - 2e-4}, r.values(), 1e-9);
        // Every true cluster vector lies in the span of the three Ritz vectors.
        for (int i = 0; i < 3; i++) {
            double[] e = a.eigenvector(i);
            double inSpan = 0;
            for (double[] x : r.vectors()) inSpan += Math.pow(Lanczos.dot(e, x), 2);
            assertEquals(1, inSpan, 1e-8, "cluster vector " + i + " in the Ritz span");
        }
    }

    @Test
    void theReportedResidualsAreTheTrueOnesAndMeetTheStoppingRule() {
        Reflected a = Reflected.of(spectrum(10, 9, 8.5), 5);
        LanczosSettings loose = LanczosSettings.defaults().tolerance(1e-4).seed(2).build();
        Lanczos.Result r = Lanczos.topK(a, 3, loose);
        assertTrue(r.converged());
        double[] ax = new double[N];
        for (int i = 0; i < 3; i++) {
            a.apply(r.vectors()[i], ax);
            double res = 0;
            for (int j = 0; j < N; j++) res += Math.pow(ax[j] - r.values()[i] * r.vectors()[i][j], 2);
            res = Math.sqrt(res);
            assertEquals(res, r.residuals()[i], 1e-9 * 10, "residual of pair " + i);
            assertTrue(res <= 1e-4 * r.values()[0] + 1e-12, "pair " + i + " residual " + res);
        }
        // Stopping early costs fewer products than converging to rounding.
        assertTrue(r.products() < Lanczos.topK(a, 3, settings(2)).products());
    }

    @Test
    void aLowRankOperatorEndsInItsInvariantSubspaceAndGoesOn() {
        double[] d = new double[N];
        d[0] = 5;
        d[1] = 3;
        Reflected a = Reflected.of(d, 9);
        Lanczos.Result r = Lanczos.topK(a, 3, settings(4));
        assertArrayEquals(new double[]{5, 3, 0}, r.values(), 1e-10);
        for (double[] x : r.vectors()) assertFalse(Double.isNaN(x[0]));
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedTheSameSpectrum() {
        Reflected a = Reflected.of(spectrum(7, 6, 3), 13);
        Lanczos.Result first = Lanczos.topK(a, 3, settings(21));
        Lanczos.Result again = Lanczos.topK(a, 3, settings(21));
        assertArrayEquals(first.values(), again.values(), 0.0);
        assertArrayEquals(first.vectors()[2], again.vectors()[2], 0.0);
        assertEquals(first.products(), again.products());
        assertArrayEquals(first.values(), Lanczos.topK(a, 3, settings(22)).values(), 1e-9);
    }

    @Test
    void theCapIsReportedAndBadArgumentsAreNamed() {
        Reflected a = Reflected.of(spectrum(2.0, 1.99999, 1.99998), 17);
        Lanczos.Result r = Lanczos.topK(a, 3, LanczosSettings.defaults().maxIterations(5).tolerance(1e-12).build());
        assertFalse(r.converged());
        assertEquals(5, r.products());
        assertThrows(IllegalArgumentException.class, () -> Lanczos.topK(a, 0, settings(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lanczos.topK(a, 3, LanczosSettings.defaults().maxIterations(2).build()));
        assertTrue(e.getMessage().contains("cannot give 3"), e.getMessage());
    }

    @Test
    void tridiagonalEigenMatchesAKnownMatrix() {
        // The path graph's Laplacian-like matrix 2 on the diagonal, -1 beside it: eigenvalues 2 - 2 cos(j pi / (m + 1)).
        int m = 6;
        double[] diag = new double[m];
        double[] off = new double[m - 1];
        java.util.Arrays.fill(diag, 2);
        java.util.Arrays.fill(off, -1);
        TridiagonalEigen t = TridiagonalEigen.of(diag, off);
        for (int j = 0; j < m; j++) {
            assertEquals(2 - 2 * Math.cos((m - j) * Math.PI / (m + 1)), t.values()[j], 1e-12, "eigenvalue " + j);
        }
        double[] v = new double[m];
        for (int i = 0; i < m; i++) v[i] = t.component(0, i);
        double[] tv = new double[m];
        for (int i = 0; i < m; i++) tv[i] = 2 * v[i] - (i > 0 ? v[i - 1] : 0) - (i < m - 1 ? v[i + 1] : 0);
        for (int i = 0; i < m; i++) assertEquals(t.values()[0] * v[i], tv[i], 1e-12);
    }
}
