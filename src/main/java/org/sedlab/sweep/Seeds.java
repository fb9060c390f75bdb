package org.sedlab.sweep;

import java.util.List;
import java.util.stream.Stream;

/**
 * The training seeds, named in one place: the paper's three, then seven more, so that a comparison
 * paired by seed can reach a decision (an exact sign test needs at least six pairs of one sign).
 * A part takes the first n it needs.
 */
public final class Seeds {
    public static final List<Long> PAPER = List.of(42L, 137L, 2024L);
    public static final List<Long> MORE = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    public static final List<Long> ALL = Stream.concat(PAPER.stream(), MORE.stream()).toList();

    private Seeds() {}

    /** The first n seeds: the paper's first. */
    public static List<Long> first(int n) {
        if (n < 1 || n > ALL.size()) throw new IllegalArgumentException("between 1 and " + ALL.size() + " seeds are named, not " + n);
        return ALL.subList(0, n);
    }
}
