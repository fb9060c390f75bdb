package org.sedlab.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two conditions compared seed by seed (runs of one seed share their initialisation and batches, so
 * the seeds pair them): the differences d = b - a, an exact two-sided sign test over the non-zero
 * ones, and their mean with a 95 % Student-t interval.
 *
 * @param n          pairs
 * @param positive   pairs with b above a
 * @param negative   pairs with b below a
 * @param sd         the differences' sample standard deviation
 * @param signTestP  the exact two-sided sign-test p-value (ties left out)
 */
public record PairedDifference(int n, int positive, int negative, double mean, double sd, double low, double high, double signTestP) {
    /** The level a difference is called at. */
    public static final double ALPHA = 0.05;
    /** The fewest pairs, all of one sign, whose two-sided sign test reaches {@link #ALPHA}: 2/2^6 = 0.031. */
    static final int MIN_SIGN_TEST_PAIRS = 6;
    /** Beyond this many seeds an effect counts as too small to decide here ({@link Integer#MAX_VALUE}). */
    private static final int MAX_SEEDS_CONSIDERED = 1000;

    /** @param a, b one value per seed, in the same seed order; NaN pairs are left out */
    public static PairedDifference of(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired values need one per seed on both sides: " + a.length + " and " + b.length);
        double[] d = new double[a.length];
        int n = 0;
        for (int i = 0; i < a.length; i++) if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) d[n++] = b[i] - a[i];
        d = java.util.Arrays.copyOf(d, n);
        int positive = 0;
        int negative = 0;
        for (double x : d) {
            if (x > 0) positive++;
            else if (x < 0) negative++;
        }
        double mean = Statistics.mean(d);
        double sd = n < 2 ? Double.NaN : Math.sqrt(Statistics.variance(d));
        double half = n < 2 ? Double.POSITIVE_INFINITY : tQuantile(n - 1) * sd / Math.sqrt(n);
        return new PairedDifference(n, positive, negative, mean, sd, mean - half, mean + half, signTest(positive, negative));
    }

    /**
     * Grok steps paired by seed (-1: did not grok within {@code cap}, NaN: not trained): a run that did
     * not grok counts at the cap (its grok step is at least that), and a seed where neither grokked says
     * nothing and is left out.
     */
    public static PairedDifference ofGrokSteps(double[] a, double[] b, int cap) {
        return of(censored(a, b, cap), censored(b, a, cap));
    }

    /** The differences b - a that {@link #ofGrokSteps} tests, one per seed, NaN where a seed is left out. */
    public static double[] grokStepDifferences(double[] a, double[] b, int cap) {
        double[] ca = censored(a, b, cap);
        double[] cb = censored(b, a, cap);
        double[] d = new double[a.length];
        for (int s = 0; s < d.length; s++) d[s] = cb[s] - ca[s];
        return d;
    }

    private static double[] censored(double[] steps, double[] other, int cap) {
        double[] out = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
            boolean failed = steps[s] < 0;
            out[s] = failed && other[s] < 0 ? Double.NaN : failed ? cap : steps[s];
        }
        return out;
    }

    /** The exact two-sided sign test: twice the binomial(m, 1/2) tail at the rarer sign, at most 1. */
    static double signTest(int positive, int negative) {
        int m = positive + negative;
        int k = Math.min(positive, negative);
        double tail = 0;
        double term = Math.pow(0.5, m); // C(m, 0) / 2^m
        for (int i = 0; i <= k; i++) {
            tail += term;
            term = term * (m - i) / (i + 1);
        }
        return Math.min(1, 2 * tail);
    }

    /** The two-sided 95 % quantile of Student's t with these degrees of freedom. */
    static double tQuantile(int degrees) {
        return new TDistribution(null, degrees).inverseCumulativeProbability(1 - ALPHA / 2);
    }

    /** Both tests agree that b differs from a: the sign test rejects and the interval excludes 0. */
    public boolean decided() {
        return signTestP < ALPHA && (low > 0 || high < 0);
    }

    /**
     * The verdict on a claim that b lies {@code expected} (+1 above, -1 below) a: reproduces when decided
     * that way, does not when decided the other way, else undecided at this n.
     */
    public Verdict verdictFor(int expected) {
        int d = direction();
        return d == 0 ? Verdict.UNDECIDED : d == expected ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE;
    }

    /** Whether the interval lies inside +-margin: equivalent to no difference at that margin (an equivalence test). */
    public boolean within(double margin) {
        return low > -margin && high < margin;
    }

    /**
     * The verdict on a claim of no difference beyond +-margin: reproduces when the interval lies inside
     * it (a decided but small effect included), does not when a difference is decided beyond it, else
     * undecided at this n.
     */
    public Verdict equivalenceVerdict(double margin) {
        return within(margin) ? Verdict.REPRODUCES : decided() ? Verdict.DOES_NOT_REPRODUCE : Verdict.UNDECIDED;
    }

    /** +1 when b is above a, -1 below, 0 undecided. */
    public int direction() {
        return !decided() ? 0 : mean > 0 ? 1 : -1;
    }

    /**
     * The fewest seeds at which an effect of the observed mean and spread would be decided: the sign test
     * needs at least 6 pairs of one sign, the interval t(n-1)·sd/√n below |mean|. {@link Integer#MAX_VALUE}
     * for no effect, or one that would need more than a thousand seeds.
     */
    public int seedsToDecide() {
        if (mean == 0 || Double.isNaN(mean)) return Integer.MAX_VALUE;
        if (Double.isNaN(sd) || sd == 0) return Math.max(n, MIN_SIGN_TEST_PAIRS);
        for (int m = MIN_SIGN_TEST_PAIRS; m <= MAX_SEEDS_CONSIDERED; m++) {
            if (tQuantile(m - 1) * sd / Math.sqrt(m) < Math.abs(mean)) return m;
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Why a difference that is not {@link #decided()} is not: "undecided at this n (an effect this size
     * needs 7 seeds)"; or, with enough seeds for the interval, that the sign test still does not reject
     * (pairs of both signs, or tied ones, which it leaves out); or that there is no difference, or one too
     * small for a thousand seeds.
     */
    public String undecided() {
        int seeds = seedsToDecide();
        if (seeds == Integer.MAX_VALUE) {
            return mean == 0 ? "undecided at this n (no difference between them)" : "undecided at this n (an effect too small to decide with a thousand seeds)";
        }
        if (seeds > n) return String.format("undecided at this n (an effect this size needs %d seeds)", seeds);
        return String.format("undecided at this n (the interval excludes 0, the sign test does not: %d above, %d below, %d tied)",
                positive, negative, n - positive - negative);
    }

    /** For differences of logs: the ratio b / a and its interval, "x0.71 [0.65, 0.77]" ("x0.71, one pair: no interval"). */
    public String asFactor() {
        if (n == 1) return String.format("x%.2f, one pair: no interval", Math.exp(mean));
        return String.format("x%.2f [%.2f, %.2f]", Math.exp(mean), Math.exp(low), Math.exp(high));
    }

    /** "mean +2.0 [-0.5, 4.5], 3 of 3 above, sign test p = 0.25 (n = 3)". */
    public String describe() {
        return String.format("mean %+.3g %s, %d of %d above, %d below, sign test p = %.2g (n = %d)", mean, interval("%.3g"), positive, n,
                negative, signTestP, n);
    }

    /** The 95 % interval, its ends in {@code format} ("%.3g"), or "(one pair: no interval)". */
    public String interval(String format) {
        return n < 2 ? "(one pair: no interval)" : "[" + String.format(format, low) + ", " + String.format(format, high) + "]";
    }
}
