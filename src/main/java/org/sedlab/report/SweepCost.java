package org.sedlab.report;

import java.util.List;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What the committed results cost, part by part, as their records say: the units done of those the full
 * sweep lists, and the CPU and wall hours summed over their unit.json. A unit recorded before a record
 * counted every attempt (sweep/UnitAttempts) holds its last process only, so those sums are lower bounds.
 */
public final class SweepCost {
    private SweepCost() {}

    /** One row per part's results, in the order given. */
    public static Table of(List<SectionData> parts) {
        StringColumn part = StringColumn.create("part");
        IntColumn done = IntColumn.create("units done");
        IntColumn listed = IntColumn.create("units listed");
        DoubleColumn cpu = DoubleColumn.create("CPU hours recorded");
        DoubleColumn wall = DoubleColumn.create("wall hours recorded");
        IntColumn withoutCpu = IntColumn.create("units without CPU time");
        StringColumn seeds = StringColumn.create("seeds trained");
        for (SectionData data : parts) {
            Table made = data.provenance();
            List<SweepUnit> units = data.units();
            part.append(data.root().getFileName().toString());
            done.append(made.rowCount());
            listed.append(units.size());
            seeds.append(seeds(units.stream().filter(SweepUnit::isDone).toList()) + " of " + seeds(units));
            cpu.append(made.doubleColumn("CPU seconds").sum() / 3600);
            wall.append(made.doubleColumn("wall seconds").sum() / 3600);
            withoutCpu.append(made.doubleColumn("CPU seconds").countMissing());
        }
        Table t = Table.create("What the committed results cost, as their records say", part, done, listed, seeds, cpu, wall, withoutCpu);
        return TableStyle.rounded(t);
    }

    /** How many seeds the trainings among these units have. */
    private static long seeds(List<SweepUnit> units) {
        return units.stream().flatMap(u -> u.training().stream()).mapToLong(RunConfig::seed).distinct().count();
    }
}
