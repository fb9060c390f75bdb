package org.sedlab.report;

import tech.tablesaw.api.Table;

/**
 * The peak and final R-bar of one estimator's series: R-bar for k is the mean of R1..Rk (fewer when
 * the window has fewer directions), its peak the maximum over evaluated checkpoints.
 */
public record Peak(double peak, long peakStep, double last) {

    /** @param w the window size, or 0 for any; @param k directions averaged into R-bar */
    public static Peak of(Table series, String estimator, String op, int w, int k) {
        Table rows = rows(series, estimator, op, w);
        double[] rbar = rbar(rows, k);
        int best = peakIndex(rbar);
        if (best < 0) return new Peak(Double.NEGATIVE_INFINITY, -1, rbar[rbar.length - 1]);
        return new Peak(rbar[best], rows.longColumn("step").get(best), rbar[rbar.length - 1]);
    }

    /**
     * R-bar at the peak's checkpoint and its neighbours on either side: how much the peak, one draw,
     * moves with the checkpoint it happens to land on.
     */
    public static NuisanceRange aroundThePeak(Table series, String estimator, String op, int w, int k) {
        double[] rbar = rbar(rows(series, estimator, op, w), k);
        int best = peakIndex(rbar);
        if (best < 0) throw new IllegalArgumentException("no R-bar at any checkpoint for " + estimator + ", op " + op + " in " + series.name());
        double[] around = java.util.Arrays.copyOfRange(rbar, Math.max(0, best - 1), Math.min(rbar.length, best + 2));
        return NuisanceRange.of(around, "the peak's checkpoint and its neighbours");
    }

    private static Table rows(Table series, String estimator, String op, int w) {
        Table rows = EstimatorRows.select(series, estimator, op, w);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows for estimator " + estimator + ", op " + op + (w > 0 ? ", W " + w : "")
                    + " in " + series.name());
        }
        return rows;
    }

    /** R-bar at each checkpoint: the mean of R1..Rk, fewer where the window has fewer directions. */
    private static double[] rbar(Table rows, int k) {
        double[] rbar = new double[rows.rowCount()];
        for (int i = 0; i < rows.rowCount(); i++) {
            double sum = 0;
            int n = 0;
            for (int j = 1; j <= k && rows.containsColumn("R" + j); j++) {
                double r = rows.doubleColumn("R" + j).getDouble(i);
                if (Double.isNaN(r)) break;
                sum += r;
                n++;
            }
            rbar[i] = sum / n;
        }
        return rbar;
    }

    /** The first checkpoint with the largest R-bar; -1 when none has one (checkpoints without R are NaN). */
    private static int peakIndex(double[] rbar) {
        int best = -1;
        for (int i = 0; i < rbar.length; i++) if (!Double.isNaN(rbar[i]) && (best < 0 || rbar[i] > rbar[best])) best = i;
        return best;
    }
}
