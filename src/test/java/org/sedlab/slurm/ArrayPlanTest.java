package org.sedlab.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.paper.section3.Section3;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

class ArrayPlanTest {
    @TempDir Path dir;

    private SweepUnit unit(String id, String... needs) {
        return new SweepUnit(id, List.of(needs), List.of("true"), dir.resolve(id), List.of());
    }

    @Test
    void trainingsComeFirstThenWhatNeedsThemEachLevelInSweepOrder() {
        ArrayPlan plan = ArrayPlan.of(List.of(unit("train/a"), unit("sed/a", "train/a"), unit("train/b"), unit("sed/b", "train/b"),
                unit("figure", "sed/a", "train/b")));
        assertEquals(List.of("train/a", "train/b", "sed/a", "sed/b", "figure"), plan.units().stream().map(SweepUnit::id).toList());
        assertEquals(List.of(new ArrayPlan.Range(0, 1), new ArrayPlan.Range(2, 3), new ArrayPlan.Range(4, 4)), plan.arrays());
        assertEquals("2-3%5", plan.arrays().get(1).spec(5));
    }

    @Test
    void unitsDoneAreLeftOutAndTheirDependentsNeedNotWait() throws Exception {
        SweepUnit trained = unit("train/a");
        Files.createDirectories(trained.output());
        Files.writeString(trained.output().resolve(SweepUnit.RECORD), "{}");
        ArrayPlan plan = ArrayPlan.of(List.of(trained, unit("sed/a", "train/a"), unit("train/b"), unit("sed/b", "train/b")));
        assertEquals(List.of("sed/a", "train/b", "sed/b"), plan.units().stream().map(SweepUnit::id).toList());
        assertEquals(List.of(new ArrayPlan.Range(0, 1), new ArrayPlan.Range(2, 2)), plan.arrays());
    }

    @Test
    void section3QuickIsTwoArrays() {
        ArrayPlan plan = ArrayPlan.of(Sections.units(new Section3(), Profile.QUICK, dir.resolve("runs"), dir.resolve("data")));
        assertEquals(14, plan.units().size());
        assertEquals(2, plan.arrays().size());
        for (SweepUnit u : plan.units().subList(0, plan.arrays().get(0).last() + 1)) assertEquals(List.of(), u.dependsOn(), u.id());
    }
}
