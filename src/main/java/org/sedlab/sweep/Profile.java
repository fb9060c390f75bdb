package org.sedlab.sweep;

import java.util.List;

/**
 * How big a sweep is. FULL is the paper's configuration, each part on the seeds it names; PAPER_SEEDS the
 * same units on the paper's three seeds only (42, 137, 2024: the paper's own tables, in a seventh of the
 * time; every comparison that needs the further seeds stays undecided), into the same folders; QUICK runs
 * the same units on one seed with short runs and small probe sets (each section says how,
 * {@link Section#quick()}), to check the pipeline end to end in minutes (its numbers mean nothing).
 */
public enum Profile {
    FULL("full"),
    PAPER_SEEDS("paper-seeds"),
    QUICK("quick");

    /** The quick profile's one seed. */
    public static final List<Long> QUICK_SEEDS = List.of(42L);

    private final String word;

    Profile(String word) { this.word = word; }

    /** The name on the command line. */
    public String word() { return word; }

    public boolean isQuick() { return this == QUICK; }

    /** A part's seeds under this profile: all of them, the paper's among them, or the quick one. */
    public List<Long> seeds(List<Long> part) {
        return switch (this) {
            case FULL -> part;
            case PAPER_SEEDS -> part.stream().filter(Seeds.PAPER::contains).toList();
            case QUICK -> QUICK_SEEDS;
        };
    }

    public static Profile parse(String name) {
        for (Profile p : values()) if (p.word.equals(name.trim().toLowerCase())) return p;
        throw new IllegalArgumentException("profile must be full, paper-seeds or quick, got '" + name + "'");
    }
}
