package org.sedlab.report;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** How every part's tables show their numbers. */
public final class TableStyle {
    private TableStyle() {}

    /** Two decimals are plenty for ratios that vary by tens of percent between seeds. */
    public static Table rounded(Table t) {
        for (var column : t.columns()) {
            if (column instanceof DoubleColumn d) d.set(d.isNotMissing(), d.multiply(100).round().divide(100));
        }
        return t;
    }
}
