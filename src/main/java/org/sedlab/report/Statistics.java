package org.sedlab.report;

import tech.tablesaw.api.DoubleColumn;

/** The statistics the parts' tables and claims take over a few values: seeds, checkpoints. */
public final class Statistics {
    private Statistics() {}

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        double sum = 0;
        for (double x : v) sum += x;
        return sum / v.length;
    }

    /** The sample variance: n - 1 in the denominator, as the values are a few seeds, not every one. */
    public static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }

    /** The median (of an even count, the middle two's mean, as tablesaw computes it); NaN for no values. */
    public static double median(double[] v) {
        return v.length == 0 ? Double.NaN : DoubleColumn.create("values", v).median();
    }

    /** The mean of a few values (seeds) with its 95 % Student-t interval: {mean, low, high}; infinite bounds below two values. */
    public static double[] meanInterval(double[] v) {
        double mean = mean(v);
        double half = v.length < 2 ? Double.POSITIVE_INFINITY : PairedDifference.tQuantile(v.length - 1) * Math.sqrt(variance(v) / v.length);
        return new double[]{mean, mean - half, mean + half};
    }
}
