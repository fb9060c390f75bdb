package org.sedlab.paper.fisher;

import static org.sedlab.sed.AnalysisSettings.PAPER_K;
import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import org.sedlab.report.Peak;
import tech.tablesaw.api.Table;

/**
 * One sentence per check of the fisher section, computed from its results: whether Lanczos gives
 * the exact per-example directions, whether its memory stays flat in N, and the R-bar series' shape.
 */
public final class FisherClaims {
    /** Principal-angle cosines at least this close to 1 count as the same subspace. */
    static final double SAME_SUBSPACE = 0.99;

    private FisherClaims() {}

    /** From the agreement unit's rows: the smallest principal cosine and the largest eigenvalue and R differences. */
    public static String agreement(Table rows) {
        double minCos = 1;
        double maxLambda = 0;
        double maxR = 0;
        int maxProducts = 0;
        for (int row = 0; row < rows.rowCount(); row++) {
            for (int i = 1; i <= 3; i++) {
                minCos = Math.min(minCos, rows.doubleColumn("principal_cos" + i).get(row));
                double exact = rows.doubleColumn("exact_lambda" + i).get(row);
                maxLambda = Math.max(maxLambda, Math.abs(rows.doubleColumn("lambda" + i).get(row) - exact) / exact);
                double exactR = rows.doubleColumn("exact_R" + i).get(row);
                maxR = Math.max(maxR, Math.abs(rows.doubleColumn("R" + i).get(row) - exactR) / exactR);
            }
            maxProducts = Math.max(maxProducts, (int) rows.doubleColumn("products").getDouble(row));
        }
        return String.format("At %d checkpoints, fisher-lanczos's top-3 subspace has principal cosines >= %.6f with the exact SVD's, "
                        + "eigenvalues within %.2g and R within %.2g (relative), after at most %d products: the agreement %s.",
                rows.rowCount(), minCos, maxLambda, maxR, maxProducts,
                minCos >= SAME_SUBSPACE ? "holds" : "does NOT hold (cosine below " + SAME_SUBSPACE + ")");
    }

    /** From the scale unit's rows: how Lanczos's peak RSS grows over N against the matrix's size. */
    public static String memory(Table rows) {
        Table lanczos = rows.where(rows.stringColumn("method").isEqualTo("lanczos").and(rows.booleanColumn("measured").isTrue()));
        if (lanczos.rowCount() < 2) return "Claim not checked yet: fewer than two batch sizes measured.";
        int first = 0;
        int last = lanczos.rowCount() - 1;
        double n0 = lanczos.doubleColumn("N").get(first);
        double n1 = lanczos.doubleColumn("N").get(last);
        double rss0 = lanczos.doubleColumn("peak_rss_mib").get(first);
        double rss1 = lanczos.doubleColumn("peak_rss_mib").get(last);
        double matrixGrowthMib = (lanczos.doubleColumn("matrix_gib").get(last) - lanczos.doubleColumn("matrix_gib").get(first)) * 1024;
        double growth = rss1 - rss0;
        return String.format("From N = %.0f to %.0f, fisher-lanczos's peak RSS goes from %.0f to %.0f MiB (+%.0f MiB) while the "
                        + "materialised matrix would grow by %.0f MiB: its memory %s.", n0, n1, rss0, rss1, growth, matrixGrowthMib,
                growth < 0.1 * matrixGrowthMib ? "does not grow with N (beyond O(N) bookkeeping)" : "grows with N");
    }

    /** From the series: fisher-lanczos's peak R-bar and its level at the last checkpoint (the grok step), beside gradient SED's peak. */
    public static String series(Table series) {
        Peak fisher = Peak.of(series, "fisher-lanczos", "add", 0, PAPER_K);
        Peak gradient = Peak.of(series, "gradient", "add", PAPER_W, PAPER_K);
        return String.format("fisher-lanczos R-bar peaks at %.0f (step %d) and ends at %.0f at the grok step; gradient SED (W = 20) "
                        + "peaks at %.0f (step %d): the per-example directions couple %s.", fisher.peak(), fisher.peakStep(), fisher.last(),
                gradient.peak(), gradient.peakStep(),
                fisher.peak() > gradient.peak() ? String.format("%.1fx more strongly at their peak", fisher.peak() / gradient.peak())
                        : String.format("less strongly at their peak (%.2fx)", fisher.peak() / gradient.peak()));
    }

    /**
     * Step 0 is the same initialisation in this run and in section3's control run, so the exact SVD
     * here must give Table 3's first row: a check that both sides of the comparison are Table 3's estimator.
     */
    public static String sameAsTable3AtInit(Table agreement, Table table3) {
        double worst = 0;
        for (int i = 1; i <= 3; i++) {
            double ours = agreement.doubleColumn("exact_R" + i).get(0);
            double committed = table3.doubleColumn("R" + i).get(0);
            worst = Math.max(worst, Math.abs(ours - committed) / committed);
        }
        return String.format("At step 0, the exact SVD here gives R1..R3 = %.2f, %.2f, %.2f; section3's Table 3: %.2f, %.2f, %.2f "
                        + "(largest relative difference %.1g): the exact side %s Table 3's.",
                agreement.doubleColumn("exact_R1").get(0), agreement.doubleColumn("exact_R2").get(0), agreement.doubleColumn("exact_R3").get(0),
                table3.doubleColumn("R1").get(0), table3.doubleColumn("R2").get(0), table3.doubleColumn("R3").get(0), worst,
                worst < 1e-3 ? "is" : "is NOT");
    }
}
