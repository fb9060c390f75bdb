package org.sedlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How sections' units are built and joined into one sweep, on sections of the test's own (the paper's parts are tested in org.sedlab.paper). */
class SectionsTest {
    /** Trains add-42 and analyses it with a window of its own, as a part of the paper does. */
    private record TestSection(String name, Section.QuickScale quick) implements Section {
        @Override public String title() { return name; }

        @Override public List<SweepUnit> units(UnitBuilder b) {
            return List.of(b.train("add", 42), b.analysis("sed/add-42", "add-42", "--W", "1,2"));
        }
    }

    private static final Section.QuickScale QUICK = new Section.QuickScale(b -> b.maxSteps(50), List.of("--W", "2", "--k", "2"));

    @Test
    void everyUnitPrefixesIdsAndTrainsARunTwoSectionsShareOnce() {
        List<Section> sections = List.of(new TestSection("a", QUICK), new TestSection("b", QUICK));
        List<SweepUnit> all = Sections.everyUnit(sections, Profile.FULL, Path.of("runs"), s -> Path.of("data", s.name()));
        assertEquals(List.of("a/train/add-42", "a/sed/add-42", "b/train/add-42", "b/sed/add-42"), all.stream().map(SweepUnit::id).toList());
        Map<String, SweepUnit> byId = all.stream().collect(Collectors.toMap(SweepUnit::id, Function.identity()));
        assertEquals(byId.get("a/train/add-42").arguments(), byId.get("b/train/add-42").arguments());
        assertEquals(List.of("a/train/add-42"), byId.get("b/train/add-42").dependsOn(), "the second section only publishes the run");
        assertEquals(List.of("b/train/add-42"), byId.get("b/sed/add-42").dependsOn(), "an analysis needs its own section's unit");
        assertEquals(Path.of("data/b/runs/add-42"), byId.get("b/train/add-42").output());
    }

    @Test
    void quickProfileScalesEachSectionInAFolderOfItsOwnWithoutOverridingAUnitsOwnOptions() {
        List<SweepUnit> units = Sections.units(new TestSection("a", QUICK), Profile.QUICK, Path.of("r"), Path.of("d"));
        assertEquals("./sedlab train --op add --seed 42 --max-steps 50 --out r/a/add-42", units.get(0).commandLine());
        assertEquals("./sedlab analyze --run r/a/add-42 --out d/sed/add-42 --W 1,2 --k 2", units.get(1).commandLine());
    }

    @Test
    void runNamesComeFromTheConfiguration() {
        assertEquals("add-42", UnitBuilder.runName("add", 42));
        assertEquals("multitask-2024", UnitBuilder.runName("multitask", 2024));
        assertThrows(IllegalArgumentException.class, () -> UnitBuilder.runName("div", 1));
    }
}
