package org.sedlab.linalg;

/**
 * How {@link Lanczos} runs, immutable: at most {@code maxIterations} products; an eigenpair counts as
 * converged once its Ritz residual ||A x - theta x|| is at most {@code tolerance} times the largest
 * Ritz value's magnitude; the start vector is drawn from {@code seed}.
 */
public record LanczosSettings(int maxIterations, double tolerance, long seed) {
    public LanczosSettings {
        if (maxIterations < 1) throw new IllegalArgumentException("Lanczos needs at least one iteration, got " + maxIterations);
        if (!(tolerance > 0)) throw new IllegalArgumentException("the Ritz-residual tolerance must be positive, got " + tolerance);
    }

    /** 100 iterations, tolerance 1e-6, seed 0. */
    public static Builder defaults() { return new Builder(); }

    public Builder toBuilder() { return new Builder().maxIterations(maxIterations).tolerance(tolerance).seed(seed); }

    public static final class Builder {
        private int maxIterations = 100;
        private double tolerance = 1e-6;
        private long seed;

        public Builder maxIterations(int n) { this.maxIterations = n; return this; }
        public Builder tolerance(double t) { this.tolerance = t; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }

        public LanczosSettings build() { return new LanczosSettings(maxIterations, tolerance, seed); }
    }
}
