package org.sedlab.report;

import tech.tablesaw.api.Table;

/**
 * The peak and final R-bar of one estimator's series: R-bar for k is the mean of R1..Rk (fewer when
 * the window has fewer directions), its peak the maximum over evaluated checkpoints.
 */
public record Peak(double peak, long peakStep, double last) {

    /** @param w the window size, or 0 for any; @param k directions averaged into R-bar */
    public static Peak of(Table series, String estimator, String op, int w, int k) {
        Table rows = EstimatorRows.select(series, estimator, op, w);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows for estimator " + estimator + ", op " + op + (w > 0 ? ", W " + w : "")
                    + " in " + series.name());
        }
        double best = Double.NEGATIVE_INFINITY;
        long bestStep = -1;
        double last = Double.NaN;
        for (int i = 0; i < rows.rowCount(); i++) {
            double sum = 0;
            int n = 0;
            for (int j = 1; j <= k && rows.containsColumn("R" + j); j++) {
                double r = rows.doubleColumn("R" + j).getDouble(i);
                if (Double.isNaN(r)) break;
                sum += r;
                n++;
            }
            double rbar = sum / n;
            if (rbar > best) {
                best = rbar;
                bestStep = rows.longColumn("step").get(i);
            }
            last = rbar;
        }
        return new Peak(best, bestStep, last);
    }
}
