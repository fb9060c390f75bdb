package org.sedlab.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ratio of two means over seeds, mean(numerator) / mean(denominator), with a 95 % percentile
 * interval from resampling the seeds (a seed's pair of values stays together), so that "B is twice A"
 * carries how far the seeds at hand let it be from twice.
 */
public record BootstrapRatio(double ratio, double low, double high, int n) {
    private static final int RESAMPLES = 10_000;

    /** @param seed the resampling's seed: the interval is reproducible */
    public static BootstrapRatio of(double[] numerator, double[] denominator, long seed) {
        if (numerator.length != denominator.length || numerator.length == 0) {
            throw new IllegalArgumentException("a ratio of means needs one pair per seed, got " + numerator.length + " and " + denominator.length);
        }
        int n = numerator.length;
        double[] ratios = new double[RESAMPLES];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < RESAMPLES; r++) {
            double top = 0;
            double bottom = 0;
            for (int i = 0; i < n; i++) {
                int s = rng.nextInt(n);
                top += numerator[s];
                bottom += denominator[s];
            }
            ratios[r] = top / bottom;
        }
        Arrays.sort(ratios);
        return new BootstrapRatio(Statistics.mean(numerator) / Statistics.mean(denominator), ratios[(int) (0.025 * RESAMPLES)],
                ratios[(int) (0.975 * RESAMPLES) - 1], n);
    }

    public boolean contains(double value) { return low <= value && value <= high; }

    /** "2.16 [1.80, 2.55] (n = 10)". */
    public String describe() {
        return String.format("%.3g [%.3g, %.3g] (n = %d)", ratio, low, high, n);
    }
}
