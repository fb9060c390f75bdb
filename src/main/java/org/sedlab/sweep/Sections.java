package org.sedlab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Sections' units for a profile and folders: one section's, or several as one sweep. */
public final class Sections {
    private Sections() {}

    /**
     * @param runs where checkpoints go (git-ignored): the quick profile caps each section's runs at its
     *             own step count, so its runs live in a folder per section; full runs are shared
     * @param data the section's results folder
     */
    public static List<SweepUnit> units(Section section, Profile profile, Path runs, Path data) {
        return units(section, profile, runs, data, data);
    }

    /**
     * The units with their results in {@code data}, the units a part chooses from earlier results
     * ({@link UnitBuilder#earlierResults()}) chosen from {@code earlierResults}.
     */
    public static List<SweepUnit> units(Section section, Profile profile, Path runs, Path data, Path earlierResults) {
        Path sectionRuns = profile.isQuick() ? runs.resolve(section.name()) : runs;
        return section.units(new UnitBuilder(profile, section.quick(), sectionRuns, data, earlierResults));
    }

    /**
     * Every section's units as one sweep: ids prefixed with the section ("section3/train/add-42"). A
     * unit whose command is an earlier unit's (a run two sections share) waits for that one, so the run
     * is trained once and the second unit only publishes it into its own section.
     *
     * @param sections in the order their units run
     * @param data     each section's results folder
     */
    public static List<SweepUnit> everyUnit(List<? extends Section> sections, Profile profile, Path runs, Function<Section, Path> data) {
        List<SweepUnit> all = new ArrayList<>();
        Map<List<String>, String> firstWithCommand = new HashMap<>();
        for (Section s : sections) {
            for (SweepUnit u : units(s, profile, runs, data.apply(s))) {
                String id = s.name() + "/" + u.id();
                List<String> needs = new ArrayList<>(u.dependsOn().stream().map(n -> s.name() + "/" + n).toList());
                String first = firstWithCommand.putIfAbsent(u.arguments(), id);
                if (first != null) needs.add(first);
                all.add(new SweepUnit(id, needs, u.arguments(), u.output(), u.publish(), u.trains()));
            }
        }
        return all;
    }
}
