package org.sedlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectionsTest {
    @Test
    void registryNamesEverySectionOnceAndRejectsUnknownNames() {
        List<String> names = Sections.all().stream().map(Section::name).toList();
        assertEquals(List.of("section3", "section4", "section5", "limitations", "fisher"), names);
        var e = assertThrows(IllegalArgumentException.class, () -> Sections.named("section9"));
        assertEquals("unknown section 'section9': choose one of section3, section4, section5, limitations, fisher (sedlab reproduce --list)", e.getMessage());
    }

    @Test
    void everySectionAsOneSweepTrainsASharedRunOnceAndPublishesItIntoEachSection() {
        List<SweepUnit> all = Sections.everyUnit(Profile.FULL, Path.of("runs"), s -> Path.of("data", s.name()));
        int sum = Sections.all().stream().mapToInt(s -> Sections.units(s, Profile.FULL, Path.of("runs"), Path.of("data", s.name())).size()).sum();
        assertEquals(sum, all.size());
        assertEquals(all.size(), all.stream().map(SweepUnit::id).distinct().count(), "ids are unique across sections");
        var byId = new java.util.HashMap<String, SweepUnit>();
        all.forEach(u -> byId.put(u.id(), u));
        for (SweepUnit u : all) for (String need : u.dependsOn()) assertTrue(byId.containsKey(need), u.id() + " needs " + need);

        SweepUnit first = byId.get("section3/train/add-42");
        assertEquals(List.of(), first.dependsOn());
        for (String later : List.of("section5/train/add-42", "limitations/train/add-42", "fisher/train/add-42")) {
            SweepUnit u = byId.get(later);
            assertEquals(first.arguments(), u.arguments());
            assertEquals(List.of("section3/train/add-42"), u.dependsOn(), later);
        }
        assertEquals(Path.of("data/fisher/runs/add-42"), byId.get("fisher/train/add-42").output());
        assertEquals(List.of("fisher/train/add-42"), byId.get("fisher/series/add-42").dependsOn(), "an analysis needs its section's unit");
    }

    @Test
    void section4TrainsEachSeedThenScoresTheThreeEstimatorsOnIt() {
        List<SweepUnit> units = Sections.units(Sections.named("section4"), Profile.FULL, Path.of("runs"), Path.of("data/section4"));
        assertEquals(List.of("train/multitask-42", "sed/multitask-42", "train/multitask-137", "sed/multitask-137",
                "train/multitask-2024", "sed/multitask-2024"), units.stream().map(SweepUnit::id).toList());
        assertEquals("./sedlab train --op multitask --seed 137 --out runs/multitask-137", units.get(2).commandLine());
        assertEquals("./sedlab analyze --run runs/multitask-137 --out data/section4/sed/multitask-137 "
                + "--estimators update,gradient,per-op-gradient", units.get(3).commandLine());
        assertEquals(List.of("train/multitask-137"), units.get(3).dependsOn());
        assertEquals(Path.of("data/section4/runs/multitask-137"), units.get(2).output());
    }

    @Test
    void quickProfileAddsTheSectionsScalingWithoutOverridingAUnitsOwnOptions() {
        List<SweepUnit> quick = Sections.units(Sections.named("section4"), Profile.QUICK, Path.of("r"), Path.of("d"));
        assertEquals(2, quick.size(), "one seed");
        assertTrue(quick.get(0).commandLine().endsWith("--out r/section4/multitask-42 --max-steps 120 --eval-every 20 --checkpoint-every 20"),
                "each section's quick runs live apart (their caps differ): " + quick.get(0).commandLine());
        assertTrue(quick.get(1).commandLine().endsWith("--W 4 --k 2 --n-checkpoints 3 --n-probes 128 --n-random 3"), quick.get(1).commandLine());

        List<SweepUnit> section3 = Sections.units(Sections.named("section3"), Profile.QUICK, Path.of("r"), Path.of("d"));
        String windows = section3.stream().filter(u -> u.id().equals(Section3.WINDOW_ABLATION)).findFirst().orElseThrow().commandLine();
        assertTrue(windows.contains("--W 1,2 --k 2 --n-checkpoints 2"), "the unit's own W and k stay: " + windows);
        assertEquals(1, windows.split("--W ").length - 1);
    }

    @Test
    void section5TrainsTheControlOnceEveryInterventionInBothFlavoursAndTheNoDecayRuns() {
        List<SweepUnit> units = Sections.units(Sections.named("section5"), Profile.FULL, Path.of("runs"), Path.of("data/section5"));
        assertEquals(2 * 3 * (1 + 4 * 2) + 3, units.size());
        assertEquals("./sedlab train --op add --seed 42 --out runs/add-42", units.get(0).commandLine(), "mode A is the plain run");
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals(
                "./sedlab train --op mul --seed 137 --intervention C --projection update --out runs/mul-137-C-upd")));
        assertEquals("./sedlab train --op add --seed 42 --intervention E --projection gradient --weight-decay 0.0 --out runs/add-42-E-grad-wd0",
                units.get(units.size() - 1).commandLine());
        assertEquals(units.size(), units.stream().map(SweepUnit::id).distinct().count(), "every unit once");
    }

    @Test
    void fisherTrainsTheControlThenComparesScoresAndMeasuresFisherLanczos() {
        List<SweepUnit> units = Sections.units(Sections.named("fisher"), Profile.FULL, Path.of("runs"), Path.of("data/fisher"));
        assertEquals(List.of("train/add-42", "agreement/add-42", "series/add-42", "scale/add-42"), units.stream().map(SweepUnit::id).toList());
        assertEquals("./sedlab per-example --run runs/add-42 --estimator fisher-lanczos --against-exact "
                + "--out data/fisher/agreement/add-42/agreement.csv", units.get(1).commandLine());
        assertEquals("./sedlab analyze --run runs/add-42 --out data/fisher/series/add-42 --estimators gradient,fisher-lanczos",
                units.get(2).commandLine());
        assertEquals("./sedlab fisher-scale --run runs/add-42 --n 512,2048,9409 --out data/fisher/scale/add-42/scale.csv",
                units.get(3).commandLine());
        for (SweepUnit u : units.subList(1, 4)) assertEquals(List.of("train/add-42"), u.dependsOn());
    }

    @Test
    void runNamesComeFromTheConfiguration() {
        assertEquals("add-42", UnitBuilder.runName("add", 42));
        assertEquals("multitask-2024", UnitBuilder.runName("multitask", 2024));
        assertThrows(IllegalArgumentException.class, () -> UnitBuilder.runName("div", 1));
    }

    /**
     * The limitations: analyses first, then every intervention cell of seed 42 before any of seed 137,
     * so a sweep cut short still covers one seed; the paper-setting cells are Section 5's.
     */
    @Test
    void limitationsAnalyseFirstThenTrainSeedBySeedWithoutThePaperSettingCells() {
        List<SweepUnit> units = Sections.units(Sections.named("limitations"), Profile.FULL, Path.of("runs"), Path.of("data/limitations"));
        int perSeed = 4 * 2 + 2 * 3 + 2 * 3;
        assertEquals(1 + 1 + 5 + 2 + 5 + 1 + 1 + 5 + 3 * perSeed, units.size(), "add-42, centroids, Table 2, gradient and full centroid, batches, mul-42, gradient, batches");
        List<String> ids = units.stream().map(SweepUnit::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "every unit once");
        int firstTraining = ids.indexOf("train/add-42-C-grad-r1");
        assertTrue(ids.subList(0, firstTraining).stream().noneMatch(id -> id.startsWith("train/add-42-")), "analyses first");
        assertTrue(ids.indexOf("train/add-42-E-grad-lr0.003") < ids.indexOf("train/add-137-C-grad-r1"), "seed 42 complete first");
        assertTrue(ids.stream().noneMatch(id -> id.equals("train/add-137") || id.equals("train/add-42-C-grad")),
                "the paper's settings are Section 5's runs");
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals(
                "./sedlab train --op add --seed 2024 --intervention E --projection gradient --rank 10 --out runs/add-2024-E-grad-r10")));
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals(
                "./sedlab train --op add --seed 137 --weight-decay 3.0 --out runs/add-137-wd3")), "mode A at another lambda is the plain run");
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals("./sedlab analyze --run runs/mul-42 --out data/limitations/batch/mul-42-seed2 "
                + "--estimators gradient --batch-seed 2")));
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals("./sedlab analyze --run runs/add-42 --out data/limitations/table2/add-42-windows "
                + "--estimators gradient --n-checkpoints 20 --W 1,2,5,10,20,40 --k 5")));
    }
}
