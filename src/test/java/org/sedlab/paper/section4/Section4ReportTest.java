package org.sedlab.paper.section4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.paper.section3.Section3;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import org.sedlab.report.StackedFigure;
import tech.tablesaw.api.Table;

/** Section 4's tables, figures and claims from a small hand-written multitask results folder whose answers are known. */
class Section4ReportTest {
    @TempDir static Path repo;
    private static SectionData data;
    private static final List<String> OPS = Section3.OPS;

    @BeforeAll
    static void writeResults() throws Exception {
        Path root = repo.resolve("data/section4");
        StringBuilder metrics = new StringBuilder("step");
        for (String op : OPS) metrics.append(",train_loss_").append(op).append(",train_acc_").append(op)
                .append(",test_loss_").append(op).append(",test_acc_").append(op);
        metrics.append("\n0").append(",4.7,0.01,4.7,0.01".repeat(4)).append("\n1000").append(",0.1,1.0,0.2,0.99".repeat(4)).append('\n');
        unit(root, "runs/multitask-42", "metrics.csv", metrics.toString());
        Files.writeString(root.resolve("runs/multitask-42/run.json"), "{\"grok_step\": 1000, \"steps_completed\": 1000, \"wall_seconds\": 600,"
                + " \"grok_steps\": {\"add\": 700, \"sub\": 800, \"mul\": 1000, \"sq\": 900},"
                + " \"provenance\": {\"git_commit\": \"feedbeef-dirty\", \"numerics\": \"portable\"}}");
        // Update R-bar 2 then 0.5 (peak 2, 0.5 after init, median 1.25, final 0.5) for every op; aggregated gradient 2 then 4;
        // per-op gradient 30 then 40.
        StringBuilder series = new StringBuilder("estimator,W,op,step,R1,R2,R3,Rbar,random_median,rank90\n");
        for (long step : new long[]{0, 200}) {
            for (String op : OPS) {
                double[] levels = step == 0 ? new double[]{2, 2, 30} : new double[]{0.5, 4, 40};
                for (int e = 0; e < 3; e++) {
                    double r = levels[e];
                    series.append(String.format("%s,20,%s,%d,%s,%s,%s,%s,0.1,%d%n", Section4.ESTIMATORS.get(e), op, step, r, r, r, r,
                            step == 0 ? 60 : 20));
                }
            }
        }
        unit(root, "sed/multitask-42", "series.csv", series.toString());
        data = new SectionData(new Section4(), root);
    }

    private static void unit(Path root, String id, String file, String content) throws Exception {
        Path dir = Files.createDirectories(root.resolve(id));
        Files.writeString(dir.resolve(file), content);
        Files.writeString(dir.resolve("unit.json"), "{\"unit\": \"" + id + "\", \"command\": \"./sedlab x\", \"wall_seconds\": 5,"
                + " \"provenance\": {\"git_commit\": \"0123456789abcdef\"}}");
    }

    @Test
    void sharedEncoderTableCountsTheMultitaskModelsParameters() {
        GrokTransformer model = GrokTransformer.initialised(Task.multitask(97), 42, DataType.FLOAT);
        Table t = Section4Tables.sharedEncoder(model.parameters().layout());
        assertEquals(327_940L, (long) t.longColumn("values").sum());
        assertEquals(List.of("embeddings", "encoder layer 0", "encoder layer 1", "final LayerNorm", "head_add", "head_sub", "head_mul", "head_sq"),
                t.stringColumn("part").asList());
        assertEquals("mul only", t.stringColumn("used by").get(6));
        assertEquals(128L * 97 + 97, t.longColumn("values").get(4), "one head: Linear(128 -> 97)");
    }

    @Test
    void grokStepsPerOpAndMissingSeedsLeftEmpty() {
        Table t = new Section4Tables(data).grokSteps();
        assertEquals(3, t.rowCount());
        assertEquals(List.of(700.0, 800.0, 1000.0, 900.0), List.of(t.doubleColumn("add").get(0), t.doubleColumn("sub").get(0),
                t.doubleColumn("mul").get(0), t.doubleColumn("sq").get(0)));
        assertEquals(0.99, t.doubleColumn("lowest final test acc").get(0), 1e-12);
        assertEquals(10.0, t.doubleColumn("training minutes").get(0), 1e-12);
        assertTrue(t.doubleColumn("add").isMissing(1), "seed 137 not computed");
    }

    @Test
    void peaksDecompositionAndClaims() {
        Section4Tables tables = new Section4Tables(data);
        Table peaks = tables.peaks();
        assertEquals(12, peaks.rowCount(), "3 seeds x 4 ops");
        assertEquals(2.0, peaks.doubleColumn("update peak").get(0), 1e-12);
        assertEquals(0.5, peaks.doubleColumn("update peak after init").get(0), 1e-12);
        assertEquals(1.25, peaks.doubleColumn("update median").get(0), 1e-12);
        assertEquals(0.5, peaks.doubleColumn("update final").get(0), 1e-12);
        assertEquals(40.0, peaks.doubleColumn("per-op gradient peak").get(0), 1e-12);
        assertEquals(40.0, peaks.doubleColumn("per-op gradient final").get(0), 1e-12);
        Claim update = Section4Claims.updateBelowRandom(peaks);
        assertEquals(200, peaks.doubleColumn("update below 1 from step").get(0), 1e-12);
        assertTrue(update.sentence().contains("below 1 at every checkpoint for 0 of 4")
                && update.sentence().contains("reproduces after the first windows of training: below 1 at every checkpoint from step 200 on"), update.sentence());
        assertEquals(Verdict.REPRODUCES, update.verdict());

        // One seed: a mean over seeds has no interval yet, whatever its value.
        Claim range = Section4Claims.perOpRangeAtTheEnd(peaks);
        assertTrue(range.sentence().startsWith("Per-op gradient SED at the final checkpoint, mean over seeds [95 % interval]: add 40.0"), range.sentence());
        assertEquals(Verdict.UNDECIDED, range.verdict());
        assertEquals(Verdict.UNDECIDED, Section4Claims.subLargestMulSmallest(peaks).verdict(), "one seed decides no order");
        assertEquals(Verdict.NOT_COMPUTED, Section4Claims.all(data).get(3).verdict(), "no single-task results beside these multitask ones");

        Table d = tables.decomposition();
        // Medians: update 1.25, aggregated gradient 3, per-op gradient 35.
        assertEquals(2.4, d.doubleColumn("x optimizer removed").get(0), 1e-12);
        assertEquals(11.67, d.doubleColumn("x tasks separated").get(0), 1e-12);
        Claim carrier = Section4Claims.decomposition(peaks);
        assertTrue(carrier.sentence().contains("x2.4") && carrier.sentence().contains("x11.7") && carrier.sentence().contains("separating the tasks"),
                carrier.sentence());
    }

    /** Claims that pair cells decide with enough of them: four seeds' per-op peaks, sub always largest, mul always smallest. */
    @Test
    void pairedClaimsDecideWhenTheCellsAgree() {
        tech.tablesaw.api.LongColumn seed = tech.tablesaw.api.LongColumn.create("seed");
        tech.tablesaw.api.StringColumn op = tech.tablesaw.api.StringColumn.create("op");
        tech.tablesaw.api.DoubleColumn peak = tech.tablesaw.api.DoubleColumn.create("per-op gradient peak");
        for (long s = 1; s <= 7; s++) {
            for (String o : OPS) {
                seed.append(s);
                op.append(o);
                peak.append((o.equals("sub") ? 50 : o.equals("mul") ? 20 : 30) + s);
            }
        }
        Claim order = Section4Claims.subLargestMulSmallest(Table.create("peaks", seed, op, peak));
        assertEquals(Verdict.REPRODUCES, order.verdict(), order.sentence());
        assertTrue(order.ours().equals("sub largest on 7 of 7 seeds, mul smallest on 7 of 7"), order.ours());
    }

    @Test
    void figuresHaveThePapersPanelsAndSaveAsPngAndSvg() {
        Section4Figures figures = new Section4Figures(data);
        StackedFigure figure3 = figures.figure3(42);
        assertEquals(3, figure3.panels().size());
        assertEquals(8, figure3.panels().get(0).getSeriesMap().size(), "train and test per op");
        assertTrue(figure3.panels().get(1).getSeriesMap().containsKey("R = 1 (random)"));
        assertTrue(figure3.panels().get(1).getStyler().isYAxisLogarithmic());
        assertEquals(figure3.panels().get(0).getSeriesMap().get("mul test").getLineColor(),
                figure3.panels().get(2).getSeriesMap().get("mul").getLineColor(), "one colour per op in every panel");
        assertEquals(12, figures.decomposition(42).getSeriesMap().size(), "three estimators x four ops");
        assertEquals(figure3.height(), figure3.image().getHeight());
        figure3.save(data.figureDir(), "figure3");
        assertTrue(Files.isRegularFile(repo.resolve("target/figures/figure3.png")));
        assertTrue(Files.isRegularFile(repo.resolve("target/figures/figure3.svg")));
        assertEquals(0, figures.rank90(137).getSeriesMap().size(), "a seed not computed draws nothing");
    }

    @Test
    void provenanceListsEveryPresentUnit() {
        Table p = data.provenance();
        assertEquals(List.of("train/multitask-42", "sed/multitask-42"), p.stringColumn("unit").asList());
        assertEquals("feedbeef-dirty", p.stringColumn("commit").get(0), "the training's own record, whole, -dirty kept");
        assertEquals("portable", p.stringColumn("numerics").get(0));
        assertEquals("0123456789abcdef", p.stringColumn("commit").get(1), "no result record: the unit's");
        assertTrue(data.missing().contains("sed/multitask-2024"));
    }
}
