package org.sedlab.paper.fisher;

import java.util.List;
import org.sedlab.report.SectionData;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The fisher section's tables: agreement with the exact per-example SVD, and cost against N. */
public final class FisherTables {
    private static final List<String> PHASES = List.of("init", "mid", "grok step");
    private final SectionData data;

    public FisherTables(SectionData data) { this.data = data; }

    /** The agreement unit's CSV as written: one row per checkpoint. */
    public Table agreementRows() { return data.table(FisherSection.AGREEMENT, "agreement.csv"); }

    /** The scale unit's CSV as written: one row per method and N. */
    public Table scaleRows() { return data.table(FisherSection.SCALE, "scale.csv"); }

    /** The fisher-lanczos and R-bar series of the run (and gradient SED beside it, against the same random baseline). */
    public Table series() { return data.series(FisherSection.SERIES); }

    /**
     * Per checkpoint and direction: both eigenvalues, the principal-angle cosine of the two top-3
     * subspaces, the |cosine| between the directions of the same rank, both R, and Lanczos's products.
     */
    public Table agreement() {
        Table rows = agreementRows();
        StringColumn phase = StringColumn.create("phase");
        LongColumn step = LongColumn.create("step");
        IntColumn direction = IntColumn.create("direction");
        DoubleColumn exactLambda = DoubleColumn.create("exact lambda");
        DoubleColumn lanczosLambda = DoubleColumn.create("Lanczos lambda");
        DoubleColumn lambdaError = DoubleColumn.create("lambda rel. diff");
        DoubleColumn principal = DoubleColumn.create("principal cos");
        DoubleColumn matched = DoubleColumn.create("direction |cos|");
        DoubleColumn exactR = DoubleColumn.create("exact R");
        DoubleColumn lanczosR = DoubleColumn.create("Lanczos R");
        IntColumn products = IntColumn.create("products");
        for (int row = 0; row < rows.rowCount(); row++) {
            for (int i = 1; i <= 3; i++) {
                phase.append(row < PHASES.size() ? PHASES.get(row) : "");
                step.append(rows.longColumn("step").get(row));
                direction.append(i);
                double exact = rows.doubleColumn("exact_lambda" + i).get(row);
                double ours = rows.doubleColumn("lambda" + i).get(row);
                exactLambda.append(significant(exact));
                lanczosLambda.append(significant(ours));
                lambdaError.append(significant(Math.abs(ours - exact) / exact));
                principal.append(decimals(rows.doubleColumn("principal_cos" + i).get(row), 6));
                matched.append(decimals(rows.doubleColumn("direction_cos" + i).get(row), 6));
                exactR.append(decimals(rows.doubleColumn("exact_R" + i).get(row), 1));
                lanczosR.append(decimals(rows.doubleColumn("R" + i).get(row), 1));
                products.append((int) rows.doubleColumn("products").getDouble(row));
            }
        }
        return Table.create("fisher-lanczos against the exact per-example SVD (add, seed 42, same 512 examples)",
                phase, step, direction, exactLambda, lanczosLambda, lambdaError, principal, matched, exactR, lanczosR, products);
    }

    /** Per N: the materialised matrix's size, and each method's peak RSS, wall time and products per eigenpair. */
    public Table scale() {
        Table rows = scaleRows();
        IntColumn n = IntColumn.create("N");
        DoubleColumn matrix = DoubleColumn.create("N x P matrix (GiB)");
        DoubleColumn[] rss = {DoubleColumn.create("materialised peak RSS (MiB)"), DoubleColumn.create("Lanczos peak RSS (MiB)")};
        DoubleColumn[] seconds = {DoubleColumn.create("materialised time (s)"), DoubleColumn.create("Lanczos time (s)")};
        DoubleColumn perPair = DoubleColumn.create("Lanczos products per eigenpair");
        List<Integer> sizes = rows.doubleColumn("N").asList().stream().map(Double::intValue).distinct().toList();
        for (int size : sizes) {
            n.append(size);
            Table at = rows.where(rows.doubleColumn("N").isEqualTo(size));
            matrix.append(decimals(at.doubleColumn("matrix_gib").get(0), 2));
            for (int m = 0; m < 2; m++) {
                Table one = at.where(at.stringColumn("method").isEqualTo(m == 0 ? "materialised" : "lanczos")
                        .and(at.booleanColumn("measured").isTrue()));
                rss[m].append(one.isEmpty() ? Double.NaN : decimals(one.doubleColumn("peak_rss_mib").get(0), 0));
                seconds[m].append(one.isEmpty() ? Double.NaN : decimals(one.doubleColumn("wall_seconds").get(0), 1));
                if (m == 1) perPair.append(one.isEmpty() ? Double.NaN : decimals(one.doubleColumn("products_per_eigenpair").get(0), 1));
            }
        }
        return Table.create("Top-3 per-example directions at the grok step: materialised N x P matrix vs matrix-free Lanczos"
                + " (empty: the matrix exceeds the memory budget)", n, matrix, rss[0], rss[1], seconds[0], seconds[1], perPair);
    }

    private static double decimals(double x, int places) {
        double scale = Math.pow(10, places);
        return Math.round(x * scale) / scale;
    }

    /** Four significant digits: eigenvalues span 0.2 to 300 over the run. */
    private static double significant(double x) {
        if (x == 0 || Double.isNaN(x)) return x;
        return decimals(x, Math.max(0, 3 - (int) Math.floor(Math.log10(Math.abs(x)))));
    }
}
