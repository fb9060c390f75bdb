package org.sedlab.report;

import tech.tablesaw.api.Table;

/** The rows of one estimator (and window) for one op in an analysis's series.csv. */
public final class EstimatorRows {
    private EstimatorRows() {}

    /** @param w the window size, or 0 for any; the result may be empty */
    public static Table select(Table series, String estimator, String op, int w) {
        Table rows = series.where(series.stringColumn("estimator").isEqualTo(estimator).and(series.stringColumn("op").isEqualTo(op)));
        return w > 0 ? rows.where(rows.intColumn("W").isEqualTo(w)) : rows;
    }
}
