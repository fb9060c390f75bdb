package org.sedlab.report;

import java.util.Arrays;

/**
 * The values a statistic takes over draws that should not change a conclusion (probe sets, random
 * directions, neighbouring checkpoints, training seeds): a paper's number inside this range cannot be
 * told apart from ours by this statistic, whatever our single draw says.
 */
public record NuisanceRange(double min, double median, double max, int draws, String over) {
    /** @param over what was redrawn, e.g. "3 probe seeds x 5 post-grok checkpoints" */
    public static NuisanceRange of(double[] values, String over) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) throw new IllegalArgumentException("no finite values over " + over);
        return new NuisanceRange(finite[0], Statistics.median(finite), finite[finite.length - 1], finite.length, over);
    }

    public boolean contains(double value) { return min <= value && value <= max; }

    /**
     * Whether the statistic is too unstable to compare with {@code paper}: the paper's value lies in the
     * range and the range is wider than {@code tolerance}, the difference the claim is about.
     */
    public boolean unstableAt(double paper, double tolerance) {
        return contains(paper) && max - min > tolerance;
    }

    /** "0.15, ranging 0.02-0.98 over 15 draws (3 probe seeds x 5 checkpoints)". */
    public String describe() {
        return String.format("median %.3g, ranging %.3g to %.3g over %d draws (%s)", median, min, max, draws, over);
    }
}
