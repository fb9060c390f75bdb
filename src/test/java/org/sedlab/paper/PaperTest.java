package org.sedlab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;

/** The registry of the paper's parts, the parts as one sweep, and what adding a part takes. */
class PaperTest {
    @TempDir Path tmp;

    @Test
    void registryNamesEveryPartOnceAndRejectsUnknownNames() {
        List<String> names = Paper.standard().parts().stream().map(Section::name).toList();
        assertEquals(List.of("section3", "section4", "section5", "limitations", "fisher", "optimizer", "mechanism"), names);
        var e = assertThrows(IllegalArgumentException.class, () -> Paper.standard().named("section9"));
        assertEquals("unknown section 'section9': choose one of section3, section4, section5, limitations, fisher, optimizer, mechanism (sedlab reproduce --list)", e.getMessage());
    }

    @Test
    void everyPartAsOneSweepTrainsASharedRunOnceAndPublishesItIntoEachPart() {
        List<Part> parts = Paper.standard().parts();
        Map<String, SweepUnit> byId = byId(Sections.everyUnit(parts, Profile.FULL, Path.of("runs"), s -> Path.of("data", s.name())));
        int sum = parts.stream().mapToInt(s -> Sections.units(s, Profile.FULL, Path.of("runs"), Path.of("data", s.name())).size()).sum();
        assertEquals(sum, byId.size(), "ids are unique across parts");
        for (SweepUnit u : byId.values()) for (String need : u.dependsOn()) assertTrue(byId.containsKey(need), u.id() + " needs " + need);

        SweepUnit first = byId.get("section3/train/add-42");
        assertEquals(List.of(), first.dependsOn());
        for (String later : List.of("section5/train/add-42", "limitations/train/add-42", "fisher/train/add-42")) {
            SweepUnit u = byId.get(later);
            assertEquals(first.arguments(), u.arguments());
            assertEquals(List.of("section3/train/add-42"), u.dependsOn(), later);
        }
        assertEquals(Path.of("data/fisher/runs/add-42"), byId.get("fisher/train/add-42").output());
        assertEquals(List.of("fisher/train/add-42"), byId.get("fisher/series/add-42").dependsOn(), "an analysis needs its part's unit");
    }

    /** --profile paper-seeds: each part's full plan on the paper's seeds only, into the same folders; no unit of another seed. */
    @Test
    void thePaperSeedsProfileIsTheFullPlanWithoutTheFurtherSeeds() {
        List<String> further = org.sedlab.sweep.Seeds.first(10).stream().filter(seed -> !org.sedlab.sweep.Seeds.PAPER.contains(seed))
                .map(seed -> "--seed " + seed + " ").toList();
        for (Part part : Paper.standard().parts()) {
            Map<String, SweepUnit> full = byId(Sections.units(part, Profile.FULL, Path.of("runs"), Path.of("data", part.name())));
            List<SweepUnit> paper = Sections.units(part, Profile.PAPER_SEEDS, Path.of("runs"), Path.of("data", part.name()));
            assertTrue(!paper.isEmpty() && paper.size() < full.size() || part.name().equals("fisher"), part.name() + ": " + paper.size() + " of " + full.size());
            for (SweepUnit u : paper) {
                SweepUnit same = full.get(u.id());
                assertTrue(same != null && same.arguments().equals(u.arguments()) && same.output().equals(u.output()), u.id());
                String command = u.commandLine() + " ";
                for (String seed : further) assertTrue(!command.contains(seed), u.id() + " runs a further seed: " + command);
            }
        }
        assertEquals(Profile.PAPER_SEEDS, Profile.parse(Profile.PAPER_SEEDS.word()));
    }

    /** A part added as a new one is: this class (its plan and claims; its tables would sit beside it) and one line in the registry. */
    private static final class Robustness implements Part {
        @Override public String name() { return "robustness"; }

        @Override public String title() { return "a part added by a test"; }

        @Override public QuickScale quick() { return new QuickScale(b -> b.maxSteps(50), List.of()); }

        @Override public List<SweepUnit> units(UnitBuilder b) {
            return List.of(b.train("add", 42), b.analysis("sed/add-42", "add-42", "--estimators", "gradient"));
        }

        @Override public List<Claim> claims(SectionData data) {
            return List.of(data.has("sed/add-42") ? new Claim("robustness.coupled", "R", "gradient SED couples", "", "", "", Verdict.REPRODUCES, "")
                    : Claim.notComputed("robustness.coupled", "R", "gradient SED couples", "", "not computed yet: ./sedlab reproduce robustness"));
        }
    }

    /** Every part's claims on a data folder without results: each says "not computed yet", none fails, ids unique across parts. */
    @Test
    void withoutResultsEveryClaimIsNotComputed() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Part part : Paper.standard().parts()) {
            for (Claim c : part.claims(new SectionData(part, java.nio.file.Files.createDirectories(tmp.resolve("empty").resolve(part.name()))))) {
                assertEquals(Verdict.NOT_COMPUTED, c.verdict(), c.id() + ": " + c.sentence());
                assertTrue(ids.add(c.id()), "two claims have the id " + c.id());
            }
        }
        assertTrue(ids.size() >= 30, "every part has its claims: " + ids);
    }

    @Test
    void aNewPartIsOneClassAndOneRegistryLine() {
        List<Part> parts = new ArrayList<>(Paper.standard().parts());
        parts.add(new Robustness());
        Paper paper = new Paper(parts);

        Section added = paper.named("robustness");
        Map<String, SweepUnit> byId = byId(Sections.everyUnit(paper.parts(), Profile.FULL, Path.of("runs"), s -> Path.of("data", s.name())));
        assertEquals(List.of("section3/train/add-42"), byId.get("robustness/train/add-42").dependsOn(), "a run another part trains is trained once");
        assertEquals(Path.of("data/robustness/sed/add-42"), byId.get("robustness/sed/add-42").output());
        assertEquals(List.of("train/add-42", "sed/add-42"), new SectionData(added, tmp).missing(), "its results are read like any part's");
        assertSame(Paper.standard().named("fisher"), paper.named("fisher"));
    }

    private static Map<String, SweepUnit> byId(List<SweepUnit> units) {
        Map<String, SweepUnit> byId = new HashMap<>();
        units.forEach(u -> byId.put(u.id(), u));
        return byId;
    }
}
