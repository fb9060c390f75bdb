package org.sedlab.sweep;

import java.util.List;

/**
 * How big a sweep is. FULL is the paper's configuration; QUICK runs the same units on one seed with
 * short runs and small probe sets (each section says how, {@link Section#quick()}), to check the
 * pipeline end to end in minutes (its numbers mean nothing).
 */
public enum Profile {
    FULL(Seeds.PAPER),
    QUICK(List.of(42L));

    private final List<Long> seeds;

    Profile(List<Long> seeds) { this.seeds = seeds; }

    public List<Long> seeds() { return seeds; }

    public static Profile parse(String name) {
        return switch (name.trim().toLowerCase()) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("profile must be quick or full, got '" + name + "'");
        };
    }
}
