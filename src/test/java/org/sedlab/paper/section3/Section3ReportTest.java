package org.sedlab.paper.section3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.sedlab.report.Claim;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.Peak;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.Table;

/** Tables, figures and claims from a small hand-written results folder whose answers are known. */
class Section3ReportTest {
    @TempDir static Path repo;
    private static SectionData data;

    @BeforeAll
    static void writeResults() throws Exception {
        Path root = repo.resolve("data/section3");
        unit(root, "runs/add-42", "metrics.csv", "step,train_loss,train_acc,test_loss,test_acc\n0,4.7,0.01,4.7,0.01\n25,4.0,0.5,4.9,0.02\n");
        Files.writeString(root.resolve("runs/add-42/run.json"), "{\"grok_step\": 3350}");
        unit(root, "sed/add-42", "series.csv", String.join("\n",
                "estimator,W,op,step,R1,R2,R3,Rbar,random_median,rank90",
                "gradient,20,add,0,10,20,30,20,0.1,60",
                "update,20,add,0,1,2,3,2,0.1,60",
                "gradient,20,add,100,100,200,300,200,0.1,96",
                "update,20,add,100,4,5,6,5,0.1,96",
                "gradient,20,add,200,40,50,60,50,0.1,20",
                "update,20,add,200,3,3,3,3,0.1,20", ""));
        unit(root, "ablation/add-42-windows", "series.csv", String.join("\n",
                "estimator,W,op,step,R1,R2,R3,R4,R5,Rbar,random_median,rank90",
                "gradient,1,add,0,600,,,,,600,0.1,60",
                "gradient,2,add,0,500,300,,,,400,0.1,60",
                "gradient,5,add,0,400,300,200,100,0,200,0.1,60",
                "gradient,10,add,0,300,250,200,100,0,170,0.1,60",
                "gradient,20,add,0,250,200,150,100,50,150,0.1,60",
                "gradient,40,add,0,150,140,130,100,50,114,0.1,60", ""));
        unit(root, "per-example/add-42", "per-example.csv", String.join("\n",
                "step,R_mean_gradient,R1,R2,R3,cos1,cos2,cos3",
                "0,21.6,31.3,30.1,29.4,0.08,0.02,0.07",
                "1700,74.5,69.7,66.4,90.8,0.04,0.04,0.05",
                "3350,405.5,363.9,356.5,496.5,0.96,0.10,0.10", ""));
        data = new SectionData(new Section3(), root);
    }

    private static void unit(Path root, String id, String file, String content) throws Exception {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve(file), content);
        Files.writeString(dir.resolve("unit.json"), "{\"unit\": \"" + id + "\"}");
    }

    @Test
    void peakAveragesTheFirstKDirectionsAndSkipsMissingOnes() {
        Table windows = data.series("ablation/add-42-windows");
        assertEquals(600, Peak.of(windows, "gradient", "add", 1, 3).peak(), 1e-12, "W=1 has one direction");
        assertEquals(400, Peak.of(windows, "gradient", "add", 2, 3).peak(), 1e-12);
        assertEquals(250, Peak.of(windows, "gradient", "add", 20, 1).peak(), 1e-12);
        assertEquals(150, Peak.of(windows, "gradient", "add", 20, 5).peak(), 1e-12);
        Peak gradient = Peak.of(data.series("sed/add-42"), "gradient", "add", 20, 3);
        assertEquals(new Peak(200, 100, 50), gradient);
        assertThrows(IllegalArgumentException.class, () -> Peak.of(windows, "update", "add", 20, 3));
    }

    @Test
    void table1PutsOursBesideThePapersAndLeavesMissingUnitsEmpty() {
        Table t = new Section3Tables(data).table1();
        assertEquals(5, t.rowCount());
        assertEquals(5.0, t.doubleColumn("update peak").get(0), 1e-12);
        assertEquals(3.0, t.doubleColumn("update final").get(0), 1e-12);
        assertEquals(200.0, t.doubleColumn("grad 42").get(0), 1e-12);
        assertEquals(202.4, t.doubleColumn("paper: grad 42").get(0), 1e-12);
        assertTrue(t.doubleColumn("grad 137").isMissing(0), "seed 137 not computed");
        assertTrue(t.doubleColumn("update peak").isMissing(1), "sub not computed");
        assertEquals("spread", t.stringColumn("op").get(4));
        assertEquals(8.97 / 3.47, t.doubleColumn("paper: update peak").get(4), 0.01);
    }

    @Test
    void gradientOverUpdatePairsTheTwoPeaksOfEachRunWithBoth() {
        Table pairs = new Section3Tables(data).gradientOverUpdate();
        assertEquals(1, pairs.rowCount(), "only add-42 has both estimators");
        assertEquals(40.0, pairs.doubleColumn("ratio").get(0), 1e-12);
        Claim one = Section3Claims.gradientBeatsUpdate(pairs);
        assertEquals(Verdict.UNDECIDED, one.verdict(), "one run cannot decide: " + one.sentence());
    }

    @Test
    void anOrderOfMagnitudeIsDecidedOverSixRunsAndNotOverThree() {
        assertEquals(Verdict.REPRODUCES, Section3Claims.gradientBeatsUpdate(ratios(20, 30, 40, 50, 25, 35)).verdict());
        assertEquals(Verdict.UNDECIDED, Section3Claims.gradientBeatsUpdate(ratios(20, 30, 40)).verdict(), "a sign test needs six pairs");
        Claim below = Section3Claims.gradientBeatsUpdate(ratios(2, 3, 4, 5, 2.5, 3.5));
        assertEquals(Verdict.DOES_NOT_REPRODUCE, below.verdict());
        assertTrue(below.ours().startsWith("x3 "), below.ours());
    }

    /** Runs whose update peak is 5 and gradient peak the given multiple of it. */
    private static Table ratios(double... ratios) {
        Table t = Table.create("pairs", tech.tablesaw.api.StringColumn.create("op"), tech.tablesaw.api.DoubleColumn.create("gradient peak"),
                tech.tablesaw.api.DoubleColumn.create("update peak"), tech.tablesaw.api.DoubleColumn.create("ratio"));
        for (double r : ratios) {
            t.stringColumn("op").append("add");
            t.doubleColumn("gradient peak").append(5 * r);
            t.doubleColumn("update peak").append(5);
            t.doubleColumn("ratio").append(r);
        }
        return t;
    }

    @Test
    void table2ReadsTheWindowAndKAblationsFromOnePass() {
        Table t = new Section3Tables(data).table2();
        Table w = t.where(t.stringColumn("ablation").isEqualTo("W"));
        assertEquals(java.util.List.of(600.0, 400.0, 300.0, 250.0, 200.0, 140.0), w.doubleColumn("peak Rbar").asList());
        assertEquals(648.0, w.doubleColumn("paper").get(0), 1e-12);
        Table k = t.where(t.stringColumn("ablation").isEqualTo("k"));
        assertEquals(java.util.List.of(250.0, 200.0, 150.0), k.doubleColumn("peak Rbar").asList());
        Claim windows = Section3Claims.windowMonotone(data);
        assertTrue(windows.sentence().contains("falling at 5 of 5 steps"), windows.sentence());
        assertEquals(Verdict.REPRODUCES, windows.verdict());
        assertTrue(t.where(t.stringColumn("ablation").isEqualTo("eps_rel")).doubleColumn("peak Rbar").isMissing(0));
    }

    @Test
    void grokStepsRank90AndFigures() {
        Table grok = new Section3Tables(data).grokSteps();
        assertEquals(3350.0, grok.doubleColumn("seed 42").get(0), 1e-12);
        assertEquals(3550.0, grok.doubleColumn("paper: seed 42").get(0), 1e-12);
        assertTrue(Section3Claims.allGrokked(grok).sentence().startsWith("1 of 1 trained runs grokked"));
        Claim rank = Section3Claims.rankRiseAndCollapse(data, "add");
        assertTrue(rank.sentence().contains("rank-90 60 at init, peak 96, 20 at the last checkpoint"), rank.sentence());
        assertTrue(rank.sentence().contains("(n = 1)"), rank.sentence());
        assertEquals(Verdict.UNDECIDED, rank.verdict(), "one run decides nothing");
        Section3Figures figures = new Section3Figures(data);
        XYChart curves = figures.grokkingCurves(42);
        assertEquals(2, curves.getSeriesMap().size(), "add test and train");
        assertEquals(2, figures.figure2().getSeriesMap().size(), "add gradient and update");
        assertEquals(6, figures.windowDependence().getSeriesMap().get("gradient SED, k = min(3, W)").getXData().length);
        FigureStyle.save(curves, data.figureDir(), "curves");
        assertTrue(Files.isRegularFile(repo.resolve("target/figures/curves.png")));
        assertTrue(Files.isRegularFile(repo.resolve("target/figures/curves.svg")));
    }

    @Test
    void figure1GivesEachSeedOneColourForBothItsLines() throws Exception {
        Path root = repo.resolve("three-seeds/data/section3");
        String series = String.join("\n", "estimator,W,op,step,R1,R2,R3,Rbar,random_median,rank90",
                "update,20,add,0,1,2,3,2,0.1,60", "update,20,add,100,4,5,6,5,0.1,96", "");
        for (long seed : PaperNumbers.SEEDS) unit(root, "sed/add-" + seed, "series.csv", series);
        var lines = new Section3Figures(new SectionData(new Section3(), root)).figure1().getSeriesMap();
        assertEquals(6, lines.size());
        for (long seed : PaperNumbers.SEEDS) {
            assertEquals(lines.get("R-bar seed " + seed).getLineColor(), lines.get("rank-90 seed " + seed).getLineColor(), "seed " + seed);
        }
        assertNotEquals(lines.get("R-bar seed 42").getLineColor(), lines.get("R-bar seed 137").getLineColor());
        assertNotEquals(lines.get("R-bar seed 137").getLineColor(), lines.get("R-bar seed 2024").getLineColor());
    }

    @Test
    void table3NamesThePhasesAndTheClaimNoticesADirectionAlignedWithTheMeanGradient() {
        Table t = new Section3Tables(data).table3();
        assertEquals(java.util.List.of("init", "mid", "post-grok"), t.stringColumn("phase").asList());
        assertEquals(496.5, t.doubleColumn("per-example R (max)").getDouble(2), 1e-12);
        assertEquals(431.0, t.doubleColumn("paper: R").getDouble(2), 1e-12);
        Claim claim = Section3Claims.perExample(data);
        assertTrue(claim.sentence().contains("R >= 29") && claim.sentence().contains("<= 0.96") && claim.sentence().contains("one direction aligns"), claim.sentence());
        assertEquals(Verdict.DOES_NOT_REPRODUCE, claim.verdict(), "a direction aligned with the mean gradient breaks the claim's orthogonality");
    }

    @Test
    void missingResultsSayHowToComputeThem() {
        assertTrue(data.missing().contains("sed/mul-2024"));
        assertTrue(!data.missing().contains("sed/add-42"));
        var e = assertThrows(IllegalArgumentException.class, () -> data.series("sed/sub-42"));
        assertTrue(e.getMessage().contains("./sedlab reproduce section3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SectionData(new Section3(), repo.resolve("nowhere")));
    }
}
