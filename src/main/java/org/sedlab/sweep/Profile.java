package org.sedlab.sweep;

import java.util.List;

/**
 * How big a sweep is. FULL is the paper's configuration; QUICK runs the same units on short runs
 * with small probe sets, to check the pipeline end to end in minutes (its numbers mean nothing).
 */
public enum Profile {
    FULL(List.of(42L, 137L, 2024L), List.of()),
    QUICK(List.of(42L), List.of("--max-steps", "50"));

    private final List<Long> seeds;
    private final List<String> trainLimits;

    Profile(List<Long> seeds, List<String> trainLimits) {
        this.seeds = seeds;
        this.trainLimits = trainLimits;
    }

    public List<Long> seeds() { return seeds; }

    /** Extra train options: QUICK stops long before grokking. */
    public List<String> trainLimits() { return trainLimits; }

    /** Extra analyze options: QUICK scores a few checkpoints with few probes and random directions. */
    public List<String> analysisLimits() {
        return this == FULL ? List.of() : List.of("--n-checkpoints", "2", "--n-probes", "128", "--n-random", "3");
    }

    public static Profile parse(String name) {
        return switch (name.trim().toLowerCase()) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("profile must be quick or full, got '" + name + "'");
        };
    }
}
