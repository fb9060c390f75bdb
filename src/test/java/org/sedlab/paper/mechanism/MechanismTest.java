package org.sedlab.paper.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.paper.mechanism.Mechanism.Control;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.sedlab.report.Claim;
import org.sedlab.report.FigureStyle;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import tech.tablesaw.api.Table;

/** The mechanism part's plan, and its questions decided by seed on known grok steps. */
class MechanismTest {
    @TempDir Path repo;

    /** Section 5's runs A, C and E of add on six seeds, each grokked at its step, its attention norm at grok A's times {@code ratio} (C, E). */
    private SectionData section5WithNorms(double ratio) throws Exception {
        Path section5 = repo.resolve("data/section5");
        for (long seed : Mechanism.SEEDS) {
            for (String mode : List.of("", "-C-grad", "-E-grad")) {
                String run = "add-" + seed + mode;
                double grok = mode.isEmpty() ? 3000 + seed % 7 : 1500 + seed % 5;
                write(section5.resolve("runs/" + run), "run.json", "{\"grok_step\": " + (long) grok + "}");
                double level = (mode.isEmpty() ? 1 : ratio) * (10 + seed % 3);
                write(section5.resolve("norms/" + run), "weight-norms.csv", "step,attention,mlp,embedding,head,all\n0,21,16,110,5,116\n"
                        + (long) grok + "," + level + ",13,25,19," + (level + 30) + "\n");
            }
        }
        return new SectionData(new Mechanism(), Files.createDirectories(repo.resolve("data/mechanism")));
    }

    private static void write(Path dir, String file, String content) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), content);
        Files.writeString(dir.resolve("unit.json"), "{}");
    }

    @Test
    void theWeightNormAccountHoldsWhenTheLevelIsTheSameAndFailsWhenItIsNot() throws Exception {
        SectionData same = section5WithNorms(1.0);
        Table norms = new MechanismTables(same).normsAtGrok();
        assertEquals(18, norms.rowCount(), "A, C and E on six seeds");
        assertEquals(List.of("A", "C-grad", "E-grad"), norms.stringColumn("setting").unique().asList().stream().sorted().toList());
        Claim holds = MechanismClaims.normAtGrok(norms);
        assertEquals(Verdict.REPRODUCES, holds.verdict(), holds.sentence());
        Claim fails = MechanismClaims.normAtGrok(new MechanismTables(section5WithNorms(0.7)).normsAtGrok());
        assertEquals(Verdict.DOES_NOT_REPRODUCE, fails.verdict(), fails.sentence());
        assertTrue(fails.ours().startsWith("x0.700"), fails.ours());
    }

    @Test
    void theNormsAtGrokAreSummedUpSettingBySetting() throws Exception {
        Table bySetting = new MechanismTables(section5WithNorms(0.5)).normsAtGrokBySetting();
        assertEquals(List.of("A", "C-grad", "E-grad"), bySetting.stringColumn("setting").asList());
        assertEquals(List.of(6.0, 6.0, 6.0), bySetting.doubleColumn("grokked runs").asList());
        // A's levels are 10 + seed % 3 over the seeds 42, 137, 2024, 1, 2, 3: 10, 12, 12, 11, 12, 10, median 11.5; C and E half that
        assertEquals(List.of(11.5, 5.75, 5.75), bySetting.doubleColumn("median attention norm at grok").asList());
        assertEquals(List.of(10.0, 5.0, 5.0), bySetting.doubleColumn("lowest").asList());
        assertEquals(List.of(12.0, 6.0, 6.0), bySetting.doubleColumn("highest").asList());
    }

    @Test
    void everyControlIsTrainedOnSixSeedsWithItsWeightNorms() {
        List<SweepUnit> units = Sections.units(new Mechanism(), Profile.FULL, Path.of("runs"), Path.of("data/mechanism"));
        assertEquals(6 * Mechanism.CONTROLS.size() * 2, units.size());
        List<String> commands = units.stream().map(SweepUnit::commandLine).toList();
        for (String expected : List.of(
                "./sedlab train --op add --seed 42 --intervention C --projection gradient --rank 0 --out runs/add-42-C-grad-r0",
                "./sedlab train --op add --seed 42 --intervention C --projection update --rank 0 --out runs/add-42-C-upd-r0",
                "./sedlab train --op add --seed 137 --intervention E --projection gradient --after-memorisation --out runs/add-137-E-grad-mem",
                "./sedlab train --op add --seed 2024 --intervention C --projection gradient --weights mlp --out runs/add-2024-C-grad-mlp",
                "./sedlab train --op add --seed 1 --intervention E --projection gradient --weights all --out runs/add-1-E-grad-all",
                "./sedlab train --op add --seed 2 --batch 2048 --out runs/add-2-b2048",
                "./sedlab train --op add --seed 3 --intervention E --projection gradient --batch 1024 --out runs/add-3-E-grad-b1024",
                "./sedlab train --op add --seed 42 --intervention C --projection gradient --sed-basis natural --out runs/add-42-C-grad-nat",
                "./sedlab weight-norms --run runs/add-42-C-grad-nat --out data/mechanism/norms/add-42-C-grad-nat/weight-norms.csv")) {
            assertTrue(commands.contains(expected), expected);
        }
        assertEquals(units.size(), units.stream().map(SweepUnit::id).distinct().count(), "every run once");
    }

    @Test
    void eachControlsClaimIsNamedForTheControlOnce() {
        List<String> ids = Mechanism.CONTROLS.stream().map(Control::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "one claim per control: " + ids);
        assertEquals(List.of("mech.rank-zero", "mech.frozen-attention", "mech.after-memorising-C", "mech.after-memorising-E",
                "mech.mlp-weights-C", "mech.mlp-weights-E", "mech.all-weights-C", "mech.all-weights-E", "mech.batch1024-A",
                "mech.batch1024-C", "mech.batch1024-E", "mech.batch2048-A", "mech.batch2048-C", "mech.batch2048-E",
                "mech.natural-basis-C"), ids);
    }

    @Test
    void aControlIsDecidedByItsSignTestAndInterval() {
        Control rankZero = Mechanism.CONTROLS.get(0);
        double[] reference = {3500, 3400, 3000, 3300, 3600, 3100};
        Claim faster = MechanismClaims.decide(rankZero, reference, new double[]{1800, 1700, 1600, 1900, 1750, 1650});
        assertEquals(Verdict.REPRODUCES, faster.verdict(), faster.sentence());
        assertTrue(faster.ours().startsWith("-1"), faster.ours());
        Claim threeSeeds = MechanismClaims.decide(rankZero, new double[]{3500, 3400, 3000, Double.NaN, Double.NaN, Double.NaN},
                new double[]{1800, 1700, 1600, Double.NaN, Double.NaN, Double.NaN});
        assertEquals(Verdict.UNDECIDED, threeSeeds.verdict(), "three pairs cannot decide");
        Claim never = MechanismClaims.decide(rankZero, reference, new double[]{-1, -1, -1, -1, -1, -1});
        assertEquals(Verdict.DOES_NOT_REPRODUCE, never.verdict(), "not grokked counts at the cap, later than every reference");
        Claim none = MechanismClaims.decide(rankZero, new double[6], new double[]{Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN});
        assertEquals(Verdict.NOT_COMPUTED, none.verdict());
    }

    /** The figure's dots are each seed's control - reference (not grokked: at the cap), its diamonds their mean with the t interval's half-width. */
    @Test
    void theFigureShowsEachSeedsDifferenceAndTheirMean() throws Exception {
        SectionData data = section5WithNorms(1.0);
        Control rankZero = Mechanism.CONTROLS.get(0);
        List<Long> seeds = Mechanism.SEEDS;
        for (long seed : seeds) {
            String grok = seed == seeds.get(5) ? "null" : String.valueOf(1800 + seed % 3);
            write(repo.resolve("data/mechanism/runs/" + rankZero.run().apply(seed).name()), "run.json", "{\"grok_step\": " + grok + "}");
        }
        CategoryChart chart = new MechanismFigures(data).grokStepDifferences();
        List<String> categories = Mechanism.CONTROLS.stream().map(c -> c.id().substring("mech.".length())).toList();
        double[] expected = new double[seeds.size()];
        for (int s = 0; s < seeds.size(); s++) {
            long seed = seeds.get(s);
            double reference = 3000 + seed % 7;
            expected[s] = (s == 5 ? MechanismTables.CAP : 1800 + seed % 3) - reference;
            CategorySeries dots = chart.getSeriesMap().get("seed " + seed);
            assertEquals(categories, List.copyOf(dots.getXData()));
            assertEquals(expected[s], dots.getYData().iterator().next().doubleValue(), 1e-9, "seed " + seed);
            assertEquals(null, new java.util.ArrayList<>(dots.getYData()).get(1), "a control not trained has no dot");
        }
        CategorySeries mean = chart.getSeriesMap().get("mean, 95 % interval");
        PairedDifference d = PairedDifference.of(new double[6], expected);
        assertEquals(d.mean(), mean.getYData().iterator().next().doubleValue(), 1e-9);
        assertEquals(d.high() - d.mean(), mean.getExtraValues().iterator().next().doubleValue(), 1e-9);
        assertTrue(Double.isNaN(List.copyOf(mean.getYData()).get(1).doubleValue()), "no mean for a control not trained");
        FigureStyle.save(chart, repo.resolve("figures"), "differences");
        assertTrue(Files.size(repo.resolve("figures/differences.png")) > 10_000, "the chart draws");
    }
}
