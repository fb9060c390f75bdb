package org.sedlab.paper.section5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import org.sedlab.report.StackedFigure;
import tech.tablesaw.api.Table;

/** Tables 4-5, Figure 5 and the claims from a hand-written results folder whose answers are known. */
class Section5ReportTest {
    @TempDir static Path repo;
    private static SectionData data;

    /** add, update flavour: A 3000/3200/3400, C 1500/1600/1700, E 1400/1600/1800, B 3000/3100/3200; D missing. */
    @BeforeAll
    static void writeResults() throws Exception {
        Path root = repo.resolve("data/section5");
        long[] seeds = {42, 137, 2024};
        long[][] steps = {{3000, 3200, 3400}, {1500, 1600, 1700}, {1400, 1600, 1800}, {3000, 3100, 3200}};
        Mode[] modes = {Mode.A, Mode.C, Mode.E, Mode.B};
        for (int m = 0; m < modes.length; m++) {
            for (int s = 0; s < 3; s++) run(root, Section5.config("add", seeds[s], modes[m], Flavour.UPDATE).name(), steps[m][s]);
        }
        run(root, Section5.noDecayConfig(Mode.A).name(), -1);
        run(root, Section5.noDecayConfig(Mode.C).name(), -1);
        data = new SectionData(new Section5(), root);
    }

    private static void run(Path root, String name, long grokStep) throws Exception {
        Path dir = Files.createDirectories(root.resolve("runs").resolve(name));
        Files.writeString(dir.resolve("metrics.csv"), "step,train_loss,train_acc,test_loss,test_acc\n0,4.7,0.01,4.7,0.01\n25,1.0,0.9,3.0,0.3\n50,0.1,1.0,0.5,0.6\n");
        Files.writeString(dir.resolve("run.json"), "{\"steps_completed\": 8000, \"first_step_test_acc_0.5\": 50" + (grokStep > 0 ? ", \"grok_step\": " + grokStep : "") + "}");
        Files.writeString(dir.resolve("unit.json"), "{}");
    }

    @Test
    void table4MeansSpeedUpsAndThePapersNumbers() {
        Table t = new Section5Tables(data).table4();
        assertEquals(10, t.rowCount(), "2 ops x 5 modes");
        Table c = t.where(t.stringColumn("op").isEqualTo("add").and(t.stringColumn("mode").isEqualTo("C")));
        assertEquals(1600, c.doubleColumn("mean").getDouble(0), 1e-9);
        assertEquals(3200.0 / 1600, c.doubleColumn("speed-up").getDouble(0), 1e-9);
        assertEquals(1683, c.doubleColumn("paper: mean").getDouble(0), 1e-9);
        assertEquals(1.99, c.doubleColumn("paper: speed-up").getDouble(0), 1e-9);
        Table d = t.where(t.stringColumn("op").isEqualTo("add").and(t.stringColumn("mode").isEqualTo("D")));
        assertTrue(d.doubleColumn("seed 42").isMissing(0) && d.doubleColumn("mean").isMissing(0), "not trained: empty");
        assertTrue(new Section5Tables(data).table5().doubleColumn("paper: mean").isMissing(5), "no gradient-projected mul in the paper");
    }

    @Test
    void claimsPairModesBySeed() {
        Table t = new Section5Tables(data).table4();
        // Every seed's A / C is exactly 2, so every resample's ratio is: the interval is [2, 2].
        Claim speed = Section5Claims.keepingSpeedsUp(t, "update");
        assertTrue(speed.sentence().contains("add: C 2.00x [2.00, 2.00], E 2.00x [") && speed.sentence().endsWith("2 of 2 speed-ups above 1 beyond "
                + "the seeds' spread (the paper: about 2x): reproduces."), speed.sentence());
        assertEquals(Verdict.REPRODUCES, speed.verdict());
        // E - C: -100, 0, +100: the interval +-248 stays inside 10 % of A's mean 3200 (320): no advantage for SED.
        Claim direction = Section5Claims.notDirectionSpecific(t, new Section5Tables(data).table5());
        assertEquals(Verdict.REPRODUCES, direction.verdict(), direction.sentence());
        assertTrue(direction.ours().equals("E - C +0 steps [-248, 248], n = 3"), direction.ours());
        assertEquals(Verdict.REPRODUCES, Section5Claims.removingDoesNotPrevent(t, new Section5Tables(data).table5()).verdict(), "3 of 3 B runs grokked");
        assertEquals(Verdict.NOT_COMPUTED, Section5Claims.removingDoesNotSpeedUp(new Section5Tables(data).table5()).verdict());
        String ce = Section5Claims.pairedBySeed(t, "update", "add", Mode.C, Mode.E);
        // E - C per seed: -100, 0, +100: mean 0, SD 100, t(2) = 4.303: +-248; one later, one earlier, one tie: p = 1.
        assertTrue(ce.contains("update add, C vs E, paired by seed (E - C): +0 steps [-248, 248], E later on 1 of 3 seeds and earlier on 1, sign test p = 1")
                && ce.endsWith("undecided at this n (no difference between them)."), ce);
        String ba = Section5Claims.pairedBySeed(t, "update", "add", Mode.B, Mode.A);
        // A - B: 0, 100, 200: mean 100 [-148, 348], 2 later and a tie: p = 2 x 1/4; t(6) x SD / sqrt(7) first falls below 100 at 7 seeds.
        assertTrue(ba.endsWith("+100 steps [-148, 348], A later on 2 of 3 seeds and earlier on 0, sign test p = 0.50: undecided at this n (an effect this size needs 7 seeds)."), ba);
        String ca = Section5Claims.pairedBySeed(t, "update", "add", Mode.C, Mode.A);
        // A - C: 1500, 1600, 1700: the interval excludes 0 but 3 of 3 gives p = 0.25, so 6 seeds are needed.
        assertTrue(ca.contains("[1352, 1848]") && ca.endsWith("undecided at this n (an effect this size needs 6 seeds)."), ca);
        assertTrue(Section5Claims.pairedBySeed(t, "update", "mul", Mode.C, Mode.E).contains("not checked yet"));
    }

    @Test
    void noDecayFigure5AndModesPicture() {
        Table noDecay = new Section5Tables(data).noDecay();
        assertEquals(-1, noDecay.doubleColumn("grok step").getDouble(0), 1e-9);
        assertTrue(noDecay.doubleColumn("grok step").isMissing(2), "E not trained");
        assertEquals("Weight decay 0: 0 of 2 runs (modes A, C, E) grokked within 8000 steps; the paper: none: reproduces.",
                Section5Claims.noDecay(noDecay).sentence());
        StackedFigure figure = new Section5Figures(data).figure5(Flavour.UPDATE);
        assertEquals(2, figure.panels().size());
        var lines = figure.panels().get(0).getSeriesMap();
        assertTrue(lines.containsKey("C (test >= 0.5 at 50) test"), lines.keySet().toString());
        assertEquals(java.awt.Color.BLACK, lines.get("A train").getLineColor());
        assertEquals(4, figure.panels().get(1).getSeriesMap().size(), "A, B, C, E: D is not trained");
        assertEquals(4, Section5Figures.modes().getSeriesMap().size());
    }
}
