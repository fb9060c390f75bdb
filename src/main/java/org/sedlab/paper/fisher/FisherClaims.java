package org.sedlab.paper.fisher;

import static org.sedlab.sed.AnalysisSettings.PAPER_K;
import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.util.List;
import org.sedlab.paper.section3.Section3;
import org.sedlab.report.Claim;
import org.sedlab.report.Peak;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.Table;

/**
 * The claims of the fisher section (our extension, not the paper's), each decided from its results:
 * whether the exact side is Table 3's estimator, whether Lanczos gives the exact per-example
 * directions, whether its memory stays flat in N, and how its R-bar compares with gradient SED's.
 */
public final class FisherClaims {
    static final String SECTION = "Fisher-Lanczos";
    /** Principal-angle cosines at least this close to 1 count as the same subspace. */
    static final double SAME_SUBSPACE = 0.99;

    private static final String TABLE3_ID = "fisher.exact-is-table3";
    private static final String TABLE3_STATEMENT = "the exact per-example SVD here gives Table 3's R at step 0 (same initialisation)";
    private static final String AGREEMENT_ID = "fisher.lanczos-agrees-exact";
    private static final String AGREEMENT_STATEMENT = "fisher-lanczos gives the exact SVD's top-3 per-example subspace";
    private static final String MEMORY_ID = "fisher.memory-flat";
    private static final String MEMORY_STATEMENT = "fisher-lanczos's memory does not grow with N";
    private static final String MEMORY_PAPER = "\"without ever materialising the matrix\"";
    private static final String COUPLING_ID = "fisher.coupling-vs-gradient";
    private static final String COUPLING_STATEMENT = "the per-example directions couple more strongly than gradient SED's at their peak";

    private FisherClaims() {}

    /** Every claim, from the section's results and Section 3's Table 3 in the folder beside them. */
    public static List<Claim> all(SectionData data) {
        FisherTables tables = new FisherTables(data);
        SectionData section3 = data.beside(new Section3());
        boolean hasAgreement = data.has(FisherSection.AGREEMENT);
        return List.of(
                hasAgreement && section3.has(Section3.PER_EXAMPLE)
                        ? sameAsTable3AtInit(tables.agreementRows(), section3.table(Section3.PER_EXAMPLE, "per-example.csv"))
                        : Claim.notComputed(TABLE3_ID, SECTION, TABLE3_STATEMENT, "", "not computed yet: ./sedlab reproduce fisher and ./sedlab reproduce section3"),
                hasAgreement ? agreement(tables.agreementRows())
                        : Claim.notComputed(AGREEMENT_ID, SECTION, AGREEMENT_STATEMENT, "", "not computed yet: ./sedlab reproduce fisher"),
                data.has(FisherSection.SCALE) ? memory(tables.scaleRows())
                        : Claim.notComputed(MEMORY_ID, SECTION, MEMORY_STATEMENT, MEMORY_PAPER, "not computed yet: ./sedlab reproduce fisher"),
                data.has(FisherSection.SERIES) ? series(tables.series())
                        : Claim.notComputed(COUPLING_ID, SECTION, COUPLING_STATEMENT, "", "not computed yet: ./sedlab reproduce fisher"));
    }

    /** From the agreement unit's rows: the smallest principal cosine and the largest eigenvalue and R differences. */
    public static Claim agreement(Table rows) {
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
        boolean holds = minCos >= SAME_SUBSPACE;
        return new Claim(AGREEMENT_ID, SECTION, AGREEMENT_STATEMENT, "", String.format("principal cosines >= %.6f at %d checkpoints", minCos,
                rows.rowCount()), "smallest principal-angle cosine between the top-3 subspaces, same batch, at Table 3's checkpoints (" + SAME_SUBSPACE
                + " or more: the same subspace)", holds ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE,
                String.format("At %d checkpoints, fisher-lanczos's top-3 subspace has principal cosines >= %.6f with the exact SVD's, "
                                + "eigenvalues within %.2g and R within %.2g (relative), after at most %d products: the agreement %s.",
                        rows.rowCount(), minCos, maxLambda, maxR, maxProducts,
                        holds ? "holds" : "does NOT hold (cosine below " + SAME_SUBSPACE + ")"));
    }

    /** From the scale unit's rows: how Lanczos's peak RSS grows over N against the matrix's size. */
    public static Claim memory(Table rows) {
        Table lanczos = rows.where(rows.stringColumn("method").isEqualTo("lanczos").and(rows.booleanColumn("measured").isTrue()));
        if (lanczos.rowCount() < 2) {
            return Claim.notComputed(MEMORY_ID, SECTION, MEMORY_STATEMENT, MEMORY_PAPER, "Claim not checked yet: fewer than two batch sizes measured.");
        }
        int first = 0;
        int last = lanczos.rowCount() - 1;
        double n0 = lanczos.doubleColumn("N").get(first);
        double n1 = lanczos.doubleColumn("N").get(last);
        double rss0 = lanczos.doubleColumn("peak_rss_mib").get(first);
        double rss1 = lanczos.doubleColumn("peak_rss_mib").get(last);
        double matrixGrowthMib = (lanczos.doubleColumn("matrix_gib").get(last) - lanczos.doubleColumn("matrix_gib").get(first)) * 1024;
        double growth = rss1 - rss0;
        boolean flat = growth < 0.1 * matrixGrowthMib;
        return new Claim(MEMORY_ID, SECTION, MEMORY_STATEMENT, MEMORY_PAPER, String.format("+%.0f MiB from N = %.0f to %.0f (the matrix: +%.0f MiB)",
                growth, n0, n1, matrixGrowthMib), "peak RSS growth against the matrix's growth, each N measured in a fresh process (under a tenth: flat)",
                flat ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE,
                String.format("From N = %.0f to %.0f, fisher-lanczos's peak RSS goes from %.0f to %.0f MiB (+%.0f MiB) while the "
                                + "materialised matrix would grow by %.0f MiB: its memory %s.", n0, n1, rss0, rss1, growth, matrixGrowthMib,
                        flat ? "does not grow with N (beyond O(N) bookkeeping)" : "grows with N"));
    }

    /**
     * From the series: fisher-lanczos's peak R-bar and its level at the last checkpoint (the grok step),
     * beside gradient SED's peak. Both are one draw (one run, one probe set), so which couples more
     * strongly is undecided.
     */
    public static Claim series(Table series) {
        Peak fisher = Peak.of(series, "fisher-lanczos", "add", 0, PAPER_K);
        Peak gradient = Peak.of(series, "gradient", "add", PAPER_W, PAPER_K);
        double ratio = fisher.peak() / gradient.peak();
        return new Claim(COUPLING_ID, SECTION, COUPLING_STATEMENT, "", String.format("peak R-bar %.0f against %.0f (%.2fx)", fisher.peak(),
                gradient.peak(), ratio), "ratio of the two estimators' peak R-bar on one run and one probe set (one draw)", Verdict.UNDECIDED,
                String.format("fisher-lanczos R-bar peaks at %.0f (step %d) and ends at %.0f at the grok step; gradient SED (W = 20) "
                                + "peaks at %.0f (step %d): the per-example directions couple %s, on one draw (one run, one probe set): undecided.",
                        fisher.peak(), fisher.peakStep(), fisher.last(), gradient.peak(), gradient.peakStep(),
                        ratio > 1 ? String.format("%.1fx more strongly at their peak", ratio) : String.format("less strongly at their peak (%.2fx)", ratio)));
    }

    /**
     * Step 0 is the same initialisation in this run and in section3's control run, so the exact SVD
     * here must give Table 3's first row: a check that both sides of the comparison are Table 3's estimator.
     */
    public static Claim sameAsTable3AtInit(Table agreement, Table table3) {
        double worst = 0;
        for (int i = 1; i <= 3; i++) {
            double ours = agreement.doubleColumn("exact_R" + i).get(0);
            double committed = table3.doubleColumn("R" + i).get(0);
            worst = Math.max(worst, Math.abs(ours - committed) / committed);
        }
        boolean same = worst < 1e-3;
        return new Claim(TABLE3_ID, SECTION, TABLE3_STATEMENT, "", String.format("largest relative difference %.1g", worst),
                "largest relative difference of R1..R3 at step 0 (under 1e-3: the same estimator)", same ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE,
                String.format("At step 0, the exact SVD here gives R1..R3 = %.2f, %.2f, %.2f; section3's Table 3: %.2f, %.2f, %.2f "
                                + "(largest relative difference %.1g): the exact side %s Table 3's.",
                        agreement.doubleColumn("exact_R1").get(0), agreement.doubleColumn("exact_R2").get(0), agreement.doubleColumn("exact_R3").get(0),
                        table3.doubleColumn("R1").get(0), table3.doubleColumn("R2").get(0), table3.doubleColumn("R3").get(0), worst,
                        same ? "is" : "is NOT"));
    }
}
