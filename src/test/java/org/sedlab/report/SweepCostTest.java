package org.sedlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import tech.tablesaw.api.Table;

/** The cost table sums what the unit records say, and counts the units that record no CPU time. */
class SweepCostTest {
    @TempDir Path repo;

    /** Three units: a training and its analysis on two seeds. */
    private static final Section PART = new Section() {
        @Override public String name() { return "part"; }
        @Override public String title() { return "a part of three units"; }
        @Override public QuickScale quick() { return QuickScale.FIFTY_STEPS; }
        @Override public List<SweepUnit> units(UnitBuilder b) {
            return List.of(b.train("add", 42), b.analysis("sed/add-42", "add-42"), b.train("add", 137));
        }
    };

    @Test
    void sumsTheRecordedHoursOfTheUnitsDone() throws Exception {
        Path root = repo.resolve("data/part");
        record(root.resolve("runs/add-42"), 7200, 5400.0);
        record(root.resolve("sed/add-42"), 1800, null);
        Table cost = SweepCost.of(List.of(new SectionData(PART, root)));
        assertEquals("part", cost.stringColumn("part").get(0));
        assertEquals(2, cost.intColumn("units done").get(0));
        assertEquals(3, cost.intColumn("units listed").get(0));
        assertEquals(1.5, cost.doubleColumn("CPU hours recorded").get(0), 1e-12, "the analysis recorded none");
        assertEquals(2.5, cost.doubleColumn("wall hours recorded").get(0), 1e-12);
        assertEquals(1, cost.intColumn("units without CPU time").get(0));
        assertEquals("1 of 2", cost.stringColumn("seeds trained").get(0), "seed 42 trained, 137 not yet");
    }

    private static void record(Path dir, double wall, Double cpu) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SweepUnit.RECORD), "{\"command\": \"./sedlab x\", \"wall_seconds\": " + wall
                + (cpu == null ? "" : ", \"cpu_seconds\": " + cpu) + ", \"provenance\": {\"git_commit\": \"0123456789abcdef\"}}");
    }
}
