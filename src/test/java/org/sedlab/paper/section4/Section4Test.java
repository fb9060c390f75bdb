package org.sedlab.paper.section4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** Section 4's plan: each seed's multitask run and its three-estimator analysis, and its quick profile. */
class Section4Test {
    @Test
    void trainsEachSeedThenScoresTheThreeEstimatorsOnIt() {
        List<SweepUnit> units = Sections.units(new Section4(), Profile.FULL, Path.of("runs"), Path.of("data/section4"));
        assertEquals(List.of("train/multitask-42", "sed/multitask-42", "train/multitask-137", "sed/multitask-137",
                "train/multitask-2024", "sed/multitask-2024", "train/multitask-1", "sed/multitask-1", "train/multitask-2", "sed/multitask-2"),
                units.stream().map(SweepUnit::id).toList(), "five seeds, the paper's first");
        assertEquals("./sedlab train --op multitask --seed 137 --out runs/multitask-137", units.get(2).commandLine());
        assertEquals("./sedlab analyze --run runs/multitask-137 --out data/section4/sed/multitask-137 "
                + "--estimators update,gradient,per-op-gradient", units.get(3).commandLine());
        assertEquals(List.of("train/multitask-137"), units.get(3).dependsOn());
        assertEquals(Path.of("data/section4/runs/multitask-137"), units.get(2).output());
    }

    @Test
    void quickProfileKeepsEnoughCheckpointsForItsWindows() {
        List<SweepUnit> quick = Sections.units(new Section4(), Profile.QUICK, Path.of("r"), Path.of("d"));
        assertEquals(2, quick.size(), "one seed");
        assertTrue(quick.get(0).commandLine().endsWith("--max-steps 120 --eval-every 20 --checkpoint-every 20 --out r/section4/multitask-42"),
                "each section's quick runs live apart (their caps differ): " + quick.get(0).commandLine());
        assertTrue(quick.get(1).commandLine().endsWith("--W 4 --k 2 --n-checkpoints 3 --n-probes 128 --n-random 3"), quick.get(1).commandLine());
    }
}
