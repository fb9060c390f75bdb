package org.sedlab.sed;

import java.util.List;
import org.sedlab.probe.CentroidKind;

/**
 * Everything that defines an SED-coupling analysis, immutable; {@link #defaults()} gives the
 * paper's (W 20, k 3, eps_rel 0.005, 1024 probes, 20 random directions, 40 checkpoints, forward
 * window, gradient batch 512, simplified centroid), and fisher-lanczos's own defaults ({@link FisherSettings#defaults()}).
 *
 * @param estimators  names in the analysis's {@link Estimators} registry (its standard one: update, gradient,
 *                    per-op-gradient (multitask), fisher-lanczos (per op), random)
 * @param windows     rolling-window sizes W; each windowed estimator is scored at every one of them
 *                    against the same random baseline (a window smaller than k gives W directions)
 * @param probeSeed   seed of the probe sets (Table 2 varies it on its own)
 * @param seed        seed of the random directions and the per-example batch
 * @param batchSeed   seed of the fixed gradient batch (unless set: {@code seed}), so the batch can be
 *                    redrawn with everything else unchanged
 * @param centroid    the centroid every R and rank-90 is measured with
 * @param fisher      how fisher-lanczos runs (its batch is the gradient batch's size)
 */
public record AnalysisSettings(List<String> estimators, List<Integer> windows, int k, double epsRel, int nProbes, int nRandom,
                               int nCheckpoints, Window window, int gradientBatch, long probeSeed, long seed, long batchSeed,
                               CentroidKind centroid, FisherSettings fisher) {
    /** The paper's window size: every analysis's default, and the window its tables and figures show unless they vary it. */
    public static final int PAPER_W = 20;
    /** The paper's number of directions k, averaged into R-bar: likewise. */
    public static final int PAPER_K = 3;

    public AnalysisSettings {
        estimators = List.copyOf(estimators);
        if (estimators.isEmpty()) throw new IllegalArgumentException("name at least one estimator: " + Estimators.standard().names());
        windows = List.copyOf(windows);
        if (windows.isEmpty()) throw new IllegalArgumentException("name at least one window size W");
        for (int w : windows) if (w < 1) throw new IllegalArgumentException("W must be >= 1, got " + w);
        int widest = windows.stream().mapToInt(Integer::intValue).max().getAsInt();
        if (k < 1 || k > widest) throw new IllegalArgumentException("k must lie in [1, W=" + widest + "], got " + k);
        if (!(epsRel > 0)) throw new IllegalArgumentException("eps-rel must be positive, got " + epsRel);
        if (nProbes < 1) throw new IllegalArgumentException("n-probes must be positive, got " + nProbes);
        if (nRandom < 1) throw new IllegalArgumentException("n-random must be positive, got " + nRandom);
        if (nCheckpoints < 1) throw new IllegalArgumentException("n-checkpoints must be positive, got " + nCheckpoints);
        if (gradientBatch < 1) throw new IllegalArgumentException("gradient batch must be positive, got " + gradientBatch);
        if (centroid == null) throw new IllegalArgumentException("name a centroid: simplified or full");
    }

    public static Builder defaults() { return new Builder(); }

    public Builder toBuilder() {
        return new Builder().estimators(estimators).windows(windows).k(k).epsRel(epsRel).nProbes(nProbes).nRandom(nRandom)
                .nCheckpoints(nCheckpoints).window(window).gradientBatch(gradientBatch).probeSeed(probeSeed).seed(seed).batchSeed(batchSeed).centroid(centroid)
                .fisher(fisher);
    }

    /** Fluent builder; unset values are the paper's. */
    public static final class Builder {
        private List<String> estimators = List.of("update", "gradient");
        private List<Integer> windows = List.of(PAPER_W);
        private int k = PAPER_K;
        private double epsRel = 0.005;
        private int nProbes = 1024;
        private int nRandom = 20;
        private int nCheckpoints = 40;
        private Window window = Window.FORWARD;
        private int gradientBatch = 512;
        private long probeSeed;
        private long seed;
        private Long batchSeed;
        private CentroidKind centroid = CentroidKind.SIMPLIFIED;
        private FisherSettings fisher = FisherSettings.defaults().build();

        public Builder estimators(List<String> names) { this.estimators = names; return this; }
        public Builder w(int w) { this.windows = List.of(w); return this; }
        public Builder windows(List<Integer> windows) { this.windows = windows; return this; }
        public Builder k(int k) { this.k = k; return this; }
        public Builder epsRel(double epsRel) { this.epsRel = epsRel; return this; }
        public Builder nProbes(int n) { this.nProbes = n; return this; }
        public Builder nRandom(int n) { this.nRandom = n; return this; }
        public Builder nCheckpoints(int n) { this.nCheckpoints = n; return this; }
        public Builder window(Window window) { this.window = window; return this; }
        public Builder gradientBatch(int n) { this.gradientBatch = n; return this; }
        public Builder probeSeed(long seed) { this.probeSeed = seed; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder batchSeed(long seed) { this.batchSeed = seed; return this; }
        public Builder centroid(CentroidKind kind) { this.centroid = kind; return this; }
        public Builder fisher(FisherSettings fisher) { this.fisher = fisher; return this; }

        public AnalysisSettings build() {
            return new AnalysisSettings(estimators, windows, k, epsRel, nProbes, nRandom, nCheckpoints, window,
                    gradientBatch, probeSeed, seed, batchSeed == null ? seed : batchSeed, centroid, fisher);
        }
    }
}
