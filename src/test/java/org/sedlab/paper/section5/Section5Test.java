package org.sedlab.paper.section5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
}
