package org.sedlab.sweep;

import java.util.List;

/**
 * How big a sweep is. FULL is the paper's configuration, each part on the seeds it names; QUICK runs
 * the same units on one seed with short runs and small probe sets (each section says how,
 * {@link Section#quick()}), to check the pipeline end to end in minutes (its numbers mean nothing).
 */
public enum Profile {
    FULL,
    QUICK;

    /** The quick profile's one seed. */
    public static final List<Long> QUICK_SEEDS = List.of(42L);

    public static Profile parse(String name) {
        return switch (name.trim().toLowerCase()) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("profile must be quick or full, got '" + name + "'");
        };
    }
}
