package org.sedlab.paper.limitations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** The Limitations' plan. */
class LimitationsTest {
    /**
     * Analyses first, then every intervention cell of seed 42 before any of seed 137, so a sweep cut
     * short still covers one seed; the paper-setting cells are Section 5's.
     */
    @Test
    void analyseFirstThenTrainSeedBySeedWithoutThePaperSettingCells() {
        List<SweepUnit> units = Sections.units(new Limitations(), Profile.FULL, Path.of("runs"), Path.of("data/limitations"));
        int perSeed = 2 * (4 * 2 + 2 * 3 + 2 * 3); // each run and its weight norms
        assertEquals(1 + 1 + 5 + 2 + 5 + 1 + 1 + 5 + 6 * perSeed, units.size(), "add-42, centroids, Table 2, gradient and full centroid, batches, mul-42, gradient, batches");
        List<String> ids = units.stream().map(SweepUnit::id).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), "every unit once");
        int firstTraining = ids.indexOf("train/add-42-C-grad-r1");
        assertTrue(ids.subList(0, firstTraining).stream().noneMatch(id -> id.startsWith("train/add-42-")), "analyses first");
        assertTrue(ids.indexOf("train/add-42-E-grad-lr0.003") < ids.indexOf("train/add-137-C-grad-r1"), "seed 42 complete first");
        assertTrue(ids.indexOf("train/add-2024-E-grad-lr0.003") < ids.indexOf("train/add-1-C-grad-r1"), "the paper's seeds before the further ones");
        assertTrue(ids.contains("train/add-3-E-grad-lr0.003") && !ids.contains("train/add-4-C-grad-r1"), "six seeds");
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
