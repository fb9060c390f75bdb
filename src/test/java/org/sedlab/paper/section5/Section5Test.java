package org.sedlab.paper.section5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** Section 5's plan: the interventions' runs. */
class Section5Test {
    @Test
    void trainsTheControlOnceEveryInterventionInBothFlavoursAndTheNoDecayRuns() {
        List<SweepUnit> units = Sections.units(new Section5(), Profile.FULL, Path.of("runs"), Path.of("data/section5"));
        assertEquals(2 * (2 * 10 * (1 + 4 * 2) + 3), units.size(),
                "ten seeds, two ops, the control and four modes in two flavours; the no-decay runs; each followed by its weight norms");
        assertEquals("./sedlab weight-norms --run runs/add-42 --out data/section5/norms/add-42/weight-norms.csv", units.get(1).commandLine());
        assertEquals(List.of("train/add-42"), units.get(1).dependsOn());
        assertTrue(units.stream().anyMatch(u -> u.id().equals("train/mul-7-E-upd")));
        assertEquals("./sedlab train --op add --seed 42 --out runs/add-42", units.get(0).commandLine(), "mode A is the plain run");
        assertTrue(units.stream().anyMatch(u -> u.commandLine().equals(
                "./sedlab train --op mul --seed 137 --intervention C --projection update --out runs/mul-137-C-upd")));
        assertEquals("./sedlab train --op add --seed 42 --intervention E --projection gradient --weight-decay 0.0 --out runs/add-42-E-grad-wd0",
                units.get(units.size() - 2).commandLine());
        assertEquals(units.size(), units.stream().map(SweepUnit::id).distinct().count(), "every unit once");
    }

    /** Table 4's remove modes on constructed grok steps: each outcome of the claim, from the pairs alone. */
    @Test
    void removingSedSpeedsUpUpdateIsDecidedFromThePairedSteps() {
        // A at 3000 + 40 s; D within 20 steps of A; B 500 steps earlier (with noise), or within 20 steps of A
        double[] a = new double[7];
        double[] d = new double[7];
        double[] earlier = new double[7];
        double[] same = new double[7];
        for (int s = 0; s < 7; s++) {
            a[s] = 3000 + 40 * s;
            d[s] = a[s] + (s % 2 == 0 ? 20 : -20);
            earlier[s] = a[s] - 500 - 10 * (s % 3);
            same[s] = a[s] + (s % 2 == 0 ? -20 : 20);
        }
        assertEquals(Verdict.REPRODUCES, Section5Claims.removingSedSpeedsUpUpdate(table(7, a, earlier, d)).verdict());
        assertEquals(Verdict.DOES_NOT_REPRODUCE, Section5Claims.removingSedSpeedsUpUpdate(table(7, a, same, d)).verdict(), "B no faster than A");
        assertEquals(Verdict.UNDECIDED, Section5Claims.removingSedSpeedsUpUpdate(table(3, a, earlier, d)).verdict(), "3 seeds cannot decide B");
        assertEquals(Verdict.NOT_COMPUTED, Section5Claims.removingSedSpeedsUpUpdate(table(0, a, earlier, d)).verdict());
    }

    /** Grok steps of modes A, B and D on add for the first {@code seeds} seeds (seed columns 1..7); mul empty. */
    private static Table table(int seeds, double[] a, double[] b, double[] d) {
        List<Long> names = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        StringColumn op = StringColumn.create("op");
        StringColumn mode = StringColumn.create("mode");
        DoubleColumn[] columns = SeedColumns.create(names);
        for (String task : Section5.OPS) {
            for (var row : List.of(java.util.Map.entry(Mode.A, a), java.util.Map.entry(Mode.B, b), java.util.Map.entry(Mode.D, d))) {
                op.append(task);
                mode.append(row.getKey().name());
                // mul not trained: its cells empty, as in a table before its runs
                for (int s = 0; s < names.size(); s++) columns[s].append(s < seeds && task.equals("add") ? row.getValue()[s] : Double.NaN);
            }
        }
        Table t = Table.create("table 4", op, mode);
        t.addColumns(columns);
        return t;
    }
}
