package org.sedlab.paper.section3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** Section 3's plan: the paper's units, and its quick profile. */
class Section3Test {
    @Test
    void fullSweepHasThePapersUnits() {
        List<SweepUnit> units = Sections.units(new Section3(), Profile.FULL, Path.of("runs"), Path.of("data/section3"));
        assertEquals(12 + 12 + 5 + 1, units.size());
        SweepUnit sed = units.stream().filter(u -> u.id().equals("sed/mul-137")).findFirst().orElseThrow();
        assertEquals("./sedlab analyze --run runs/mul-137 --out data/section3/sed/mul-137 --estimators gradient", sed.commandLine());
        assertEquals(List.of("train/mul-137"), sed.dependsOn());
        assertTrue(units.stream().anyMatch(u -> u.commandLine().contains("--W 1,2,5,10,20,40 --k 5")));
        assertEquals(6, units.stream().filter(u -> u.commandLine().contains("gradient,update")).count(),
                "update SED: every op of seed 42 and add of every seed");
    }

    @Test
    void quickWindowAblationKeepsItsOwnWindowsAndK() {
        List<SweepUnit> units = Sections.units(new Section3(), Profile.QUICK, Path.of("r"), Path.of("d"));
        String windows = units.stream().filter(u -> u.id().equals(Section3.WINDOW_ABLATION)).findFirst().orElseThrow().commandLine();
        assertTrue(windows.contains("--W 1,2 --k 2 --n-checkpoints 2"), "the unit's own W and k stay: " + windows);
        assertEquals(1, windows.split("--W ").length - 1);
    }
}
