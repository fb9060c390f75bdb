package org.sedlab.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The top-k eigenpairs of a symmetric operator from its products alone: Lanczos iteration with full
 * reorthogonalisation (every new vector is orthogonalised twice against all earlier ones, so no
 * spurious copies of converged eigenvalues appear), the tridiagonal eigenproblem solved in Java
 * ({@link TridiagonalEigen}) after every product, stopping once the k largest Ritz pairs' residuals
 * meet the tolerance. Deterministic: the start vector comes from the settings' seed.
 */
public final class Lanczos {
    /** A new vector this much smaller than the operator's scale means the Krylov space is invariant. */
    private static final double BREAKDOWN = 1e-12;

    /**
     * @param values    the k largest Ritz values, largest first
     * @param vectors   their Ritz vectors (unit norm, sign arbitrary)
     * @param residuals ||A x - theta x|| of each, from the recurrence (beta times the last component)
     * @param products  operator products spent
     * @param converged whether all k residuals met the tolerance (false: the iteration cap was reached)
     */
    public record Result(double[] values, double[][] vectors, double[] residuals, int products, boolean converged) {}

    private Lanczos() {}

    public static Result topK(LinearOperator a, int k, LanczosSettings settings) {
        int n = a.dimension();
        if (k < 1 || k > n) throw new IllegalArgumentException("k must lie in [1, " + n + "], got " + k);
        int cap = Math.min(settings.maxIterations(), n);
        if (cap < k) throw new IllegalArgumentException("Lanczos with at most " + cap + " iterations cannot give " + k + " eigenpairs");
        SplittableRandom rng = new SplittableRandom(settings.seed());
        List<double[]> basis = new ArrayList<>();
        List<Double> alpha = new ArrayList<>();
        List<Double> beta = new ArrayList<>();
        double[] q = randomUnitOrthogonalTo(basis, n, rng);
        double[] w = new double[n];
        double scale = 0;
        TridiagonalEigen ritz = null;
        double lastBeta = 0;
        boolean converged = false;
        for (int j = 0; j < cap; j++) {
            basis.add(q);
            a.apply(q, w);
            double aj = dot(w, q);
            alpha.add(aj);
            axpy(-aj, q, w);
            if (j > 0) axpy(-beta.get(j - 1), basis.get(j - 1), w);
            for (int pass = 0; pass < 2; pass++) {
                for (double[] v : basis) axpy(-dot(v, w), v, w);
            }
            double bj = Math.sqrt(dot(w, w));
            scale = Math.max(scale, Math.max(Math.abs(aj), bj));
            ritz = TridiagonalEigen.of(toArray(alpha), toArray(beta));
            lastBeta = bj;
            if (j + 1 >= k && residualsMeet(ritz, bj, j + 1, k, settings.tolerance())) {
                converged = true;
                break;
            }
            if (j + 1 == cap) break;
            if (bj <= BREAKDOWN * scale) {
                // An invariant subspace: its eigenpairs are exact. Go on in the complement from a fresh vector.
                beta.add(0.0);
                q = randomUnitOrthogonalTo(basis, n, rng);
                if (q == null) break;
            } else {
                beta.add(bj);
                q = w.clone();
                scaleInPlace(1 / bj, q);
            }
        }
        int m = basis.size();
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        double[] residuals = new double[k];
        for (int i = 0; i < k; i++) {
            values[i] = ritz.values()[i];
            residuals[i] = Math.abs(lastBeta * ritz.component(i, m - 1));
            double[] x = new double[n];
            for (int j = 0; j < m; j++) axpy(ritz.component(i, j), basis.get(j), x);
            scaleInPlace(1 / Math.sqrt(dot(x, x)), x);
            vectors[i] = x;
        }
        return new Result(values, vectors, residuals, m, converged);
    }

    /** The stopping rule: each of the k largest Ritz pairs has residual beta |y_last| <= tolerance |theta_1|. */
    private static boolean residualsMeet(TridiagonalEigen ritz, double beta, int m, int k, double tolerance) {
        double bound = tolerance * Math.abs(ritz.values()[0]);
        for (int i = 0; i < k; i++) {
            if (Math.abs(beta * ritz.component(i, m - 1)) > bound) return false;
        }
        return true;
    }

    /** A Gaussian vector orthogonalised against the basis and normalised; null when the basis spans everything. */
    private static double[] randomUnitOrthogonalTo(List<double[]> basis, int n, SplittableRandom rng) {
        if (basis.size() >= n) return null;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) axpy(-dot(b, v), b, v);
        }
        scaleInPlace(1 / Math.sqrt(dot(v, v)), v);
        return v;
    }

    private static double[] toArray(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += alpha * x[i];
    }

    private static void scaleInPlace(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] *= alpha;
    }
}
