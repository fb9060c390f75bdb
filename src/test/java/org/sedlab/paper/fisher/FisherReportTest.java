package org.sedlab.paper.fisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.Table;

/** The fisher section's tables, figures and verdicts from a hand-written results folder whose answers are known. */
class FisherReportTest {
    @TempDir static Path repo;
    private static SectionData data;

    @BeforeAll
    static void writeResults() throws Exception {
        Path root = repo.resolve("data/fisher");
        // Two checkpoints; at the second the third direction sits in a degenerate pair (cosine 0.95).
        write(root, FisherSection.AGREEMENT, "agreement.csv", """
                step,R_mean_gradient,R1,R2,R3,cos1,cos2,cos3,lambda1,lambda2,lambda3,products,converged,exact_lambda1,exact_lambda2,exact_lambda3,exact_R1,exact_R2,exact_R3,exact_cos1,exact_cos2,exact_cos3,principal_cos1,principal_cos2,principal_cos3,direction_cos1,direction_cos2,direction_cos3
                0,20,30,30,30,0.1,0.1,0.1,2.002,1.0,0.5,20,true,2.0,1.0,0.5,30,30,30,0.1,0.1,0.1,1.0,1.0,0.999,1.0,1.0,0.999
                100,70,100,90,80,0.1,0.1,0.1,300,200,100,30,true,300,200,100,100,90,88,0.1,0.1,0.1,1.0,0.999,0.95,1.0,0.99,0.95
                """);
        // Lanczos grows by 20 MiB from N = 512 to 9409; the matrix by 4.3 GiB.
        write(root, FisherSection.SCALE, "scale.csv", """
                method,N,matrix_gib,measured,wall_seconds,rss_before_mib,peak_rss_mib,products,products_per_eigenpair,converged,lambda1,lambda2,lambda3
                materialised,512,0.25,true,20,300,700,9,3,true,7,1,0.8
                lanczos,512,0.25,true,10,300,500,9,3,true,7,1,0.8
                materialised,9409,4.59,false,,,,,,,,,
                lanczos,9409,4.59,true,200,300,520,12,4,true,7,1,0.8
                """);
        write(root, FisherSection.SERIES, "series.csv", """
                estimator,W,op,step,R1,R2,R3,Rbar,random_median,rank90
                gradient,20,add,0,10,10,10,10,0.001,50
                fisher-lanczos,,add,0,30,30,30,30,0.001,50
                gradient,20,add,100,50,50,50,50,0.001,60
                fisher-lanczos,,add,100,200,100,90,130,0.001,60
                gradient,20,add,200,20,20,20,20,0.001,20
                fisher-lanczos,,add,200,80,80,80,80,0.001,20
                """);
        data = new SectionData(new FisherSection(), root);
    }

    private static void write(Path root, String unit, String file, String csv) throws Exception {
        Path dir = Files.createDirectories(root.resolve(unit));
        Files.writeString(dir.resolve(file), csv);
        Files.writeString(dir.resolve("unit.json"), "{}");
    }

    @Test
    void agreementTableHasADirectionPerRowAndTheVerdictNamesTheWorstCosine() {
        FisherTables tables = new FisherTables(data);
        Table t = tables.agreement();
        assertEquals(6, t.rowCount(), "two checkpoints x three directions");
        assertEquals(0.001, t.doubleColumn("lambda rel. diff").getDouble(0), 1e-12);
        assertEquals(0.95, t.doubleColumn("principal cos").getDouble(5), 1e-12);
        Claim claim = FisherClaims.agreement(tables.agreementRows());
        String verdict = claim.sentence();
        assertTrue(verdict.contains("principal cosines >= 0.950000"), verdict);
        assertTrue(verdict.contains("does NOT hold"), verdict);
        assertTrue(verdict.contains("at most 30 products"), verdict);
        assertEquals(Verdict.DOES_NOT_REPRODUCE, claim.verdict());
    }

    @Test
    void theExactSideIsCheckedAgainstTable3AtInitialisation() {
        Table table3 = Table.create("t3", tech.tablesaw.api.DoubleColumn.create("R1", 30.0), tech.tablesaw.api.DoubleColumn.create("R2", 30.0),
                tech.tablesaw.api.DoubleColumn.create("R3", 30.0));
        Claim same = FisherClaims.sameAsTable3AtInit(new FisherTables(data).agreementRows(), table3);
        assertTrue(same.sentence().endsWith("the exact side is Table 3's."), same.sentence());
        assertEquals(Verdict.REPRODUCES, same.verdict());
        table3.doubleColumn("R3").set(0, 31.0);
        Claim other = FisherClaims.sameAsTable3AtInit(new FisherTables(data).agreementRows(), table3);
        assertTrue(other.sentence().contains("(largest relative difference 0.03)") && other.sentence().endsWith("is NOT Table 3's."), other.sentence());
        assertEquals(Verdict.DOES_NOT_REPRODUCE, other.verdict());
    }

    @Test
    void scaleTableLeavesTheSkippedMatrixEmptyAndMemoryIsFlat() {
        FisherTables tables = new FisherTables(data);
        Table t = tables.scale();
        assertEquals(2, t.rowCount());
        assertTrue(t.doubleColumn("materialised peak RSS (MiB)").isMissing(1), "skipped over the budget");
        assertEquals(520, t.doubleColumn("Lanczos peak RSS (MiB)").getDouble(1), 1e-9);
        assertEquals(4, t.doubleColumn("Lanczos products per eigenpair").getDouble(1), 1e-9);
        Claim claim = FisherClaims.memory(tables.scaleRows());
        assertTrue(claim.sentence().contains("from 500 to 520 MiB (+20 MiB)") && claim.sentence().contains("does not grow with N"), claim.sentence());
        assertEquals(Verdict.REPRODUCES, claim.verdict());
        assertEquals(2, new FisherFigures(tables).memoryAndTime().panels().size());
    }

    @Test
    void seriesVerdictGivesThePeakAndTheGrokStepLevel() {
        FisherTables tables = new FisherTables(data);
        Claim claim = FisherClaims.series(tables.series());
        assertEquals("fisher-lanczos R-bar peaks at 130 (step 100) and ends at 80 at the grok step; gradient SED (W = 20) peaks at 50 "
                + "(step 100): the per-example directions couple 2.6x more strongly at their peak, on one draw (one run, one probe set): undecided.",
                claim.sentence());
        assertEquals(Verdict.UNDECIDED, claim.verdict(), "one run and one probe set: a ratio of two single draws");
        assertEquals(4, new FisherFigures(tables).rbarSeries().getSeriesMap().size(), "two series, the exact points, R = 1");
    }

}
