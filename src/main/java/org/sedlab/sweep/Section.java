package org.sedlab.sweep;

import java.util.List;
import java.util.function.UnaryOperator;
import org.sedlab.train.RunConfig;

/**
 * A part of the paper reproduced as a sweep: its units, built with the shared {@link UnitBuilder},
 * and how the quick profile shrinks them. Results land in {@code data/<name>}; a section is added
 * by registering it in the paper's registry (org.sedlab.paper.Paper), which sweep does not depend on.
 */
public interface Section {
    /** The folder and command-line name: "section3". */
    String name();

    /** What it reproduces, for listings: "Tables 1-3, Figures 1-2". */
    String title();

    /** Options the quick profile adds to every training and every analysis (unless a unit sets them itself). */
    QuickScale quick();

    /** Every unit, in the order a single worker should run them. */
    List<SweepUnit> units(UnitBuilder builder);

    /**
     * How the quick profile shrinks a section's units so that its windows still fit.
     *
     * @param train    the change to every run's configuration, e.g. a step cap
     * @param analysis extra {@code analyze} options as flag-value pairs; a flag the unit sets itself is left out
     */
    record QuickScale(UnaryOperator<RunConfig.Builder> train, List<String> analysis) {
        /** Runs stopped at step 50 (3 checkpoints, 2 updates), so analyses of windows of 2 rows and small probe sets. */
        public static final QuickScale FIFTY_STEPS = new QuickScale(b -> b.maxSteps(50),
                List.of("--W", "2", "--k", "2", "--n-checkpoints", "2", "--n-probes", "128", "--n-random", "3"));

        public QuickScale {
            analysis = List.copyOf(analysis);
            if (analysis.size() % 2 != 0) throw new IllegalArgumentException("quick analysis options come as flag-value pairs: " + analysis);
        }
    }
}
