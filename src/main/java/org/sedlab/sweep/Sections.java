package org.sedlab.sweep;

import java.nio.file.Path;
import java.util.List;

/** The registry of reproducible sections, and their units for a profile and folders. */
public final class Sections {
    private static final List<Section> ALL = List.of(new Section3(), new Section4(), new Section5(), new Limitations(), new FisherSection());

    private Sections() {}

    public static List<Section> all() { return ALL; }

    /** The section of that name; an unknown name fails with the list of known ones. */
    public static Section named(String name) {
        for (Section s : ALL) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException("unknown section '" + name + "': choose one of "
                + String.join(", ", ALL.stream().map(Section::name).toList()) + " (sedlab reproduce --list)");
    }

    /** @param runs where checkpoints go (git-ignored); @param data the section's results folder */
    public static List<SweepUnit> units(Section section, Profile profile, Path runs, Path data) {
        return section.units(new UnitBuilder(profile, section.quick(), runs, data));
    }
}
