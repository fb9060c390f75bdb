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
        assertEquals(4 * 10 * 2 + 5 + 1, units.size(), "ten seeds of four ops, each trained and analysed; Table 2 and Table 3 on add-42");
        SweepUnit sed = units.stream().filter(u -> u.id().equals("sed/mul-137")).findFirst().orElseThrow();
        assertEquals("./sedlab analyze --run runs/mul-137 --out data/section3/sed/mul-137 --estimators gradient", sed.commandLine());
        assertEquals(List.of("train/mul-137"), sed.dependsOn());
        assertTrue(units.stream().anyMatch(u -> u.commandLine().contains("--W 1,2,5,10,20,40 --k 5")));
        assertEquals(4 + 2 + 7 * 4, units.stream().filter(u -> u.commandLine().contains("gradient,update")).count(),
                "update SED: every op of seed 42, add of the paper's other seeds, every run of the seven further seeds");
        assertEquals(units.subList(0, 30), Sections.units(new Section3(), Profile.FULL, Path.of("runs"), Path.of("data/section3")).stream()
                .filter(u -> !u.id().matches(".*-[1-7]$")).toList(), "the paper's seeds come first, their units as before");
    }

    @Test
    void quickWindowAblationKeepsItsOwnWindowsAndK() {
        List<SweepUnit> units = Sections.units(new Section3(), Profile.QUICK, Path.of("r"), Path.of("d"));
        String windows = units.stream().filter(u -> u.id().equals(Section3.WINDOW_ABLATION)).findFirst().orElseThrow().commandLine();
        assertTrue(windows.contains("--W 1,2 --k 2 --n-checkpoints 2"), "the unit's own W and k stay: " + windows);
        assertEquals(1, windows.split("--W ").length - 1);
    }
}
