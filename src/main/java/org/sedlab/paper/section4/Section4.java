package org.sedlab.paper.section4;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;

/**
 * The paper's Section 4 as sweep units: the four-head multitask model trained for each seed until
 * every op has grokked, then one analysis scoring the three estimators on it: aggregated update SED
 * (Figure 3), per-op gradient SED (Figure 4) and aggregated gradient SED (the gradient of the summed
 * loss; not in the paper), which separates the optimizer's contamination of the update from the
 * tasks' cancellation.
 */
public final class Section4 implements Part {
    public static final String NAME = "section4";
    public static final String TASK = RunConfig.MULTITASK;
    /** Estimator names as series.csv writes them: "gradient" on a multitask run is the summed loss's gradient. */
    public static final String UPDATE = "update";
    public static final String AGGREGATED_GRADIENT = "gradient";
    public static final String PER_OP_GRADIENT = "per-op-gradient";
    public static final List<String> ESTIMATORS = List.of(UPDATE, AGGREGATED_GRADIENT, PER_OP_GRADIENT);
    /** Five: each multitask run costs four single-task ones, and its comparisons pair (seed, op) cells. */
    public static final List<Long> SEEDS = Seeds.first(5);

    @Override public List<Claim> claims(SectionData data) { return Section4Claims.all(data); }

    @Override public String name() { return NAME; }

    @Override public String title() { return "Figures 3-4: multitask, aggregated update SED vs per-op gradient SED"; }

    /** Quick runs: 120 steps with a checkpoint every 20, so 6 update rows hold a window of 4. */
    @Override public QuickScale quick() {
        return new QuickScale(b -> b.maxSteps(120).evalEvery(20).checkpointEvery(20),
                List.of("--W", "4", "--k", "2", "--n-checkpoints", "3", "--n-probes", "128", "--n-random", "3"));
    }

    public static String sedId(String run) { return "sed/" + run; }

    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : b.seeds(SEEDS)) {
            String run = UnitBuilder.runName(TASK, seed);
            units.add(b.train(TASK, seed));
            units.add(b.analysis(sedId(run), run, "--estimators", String.join(",", ESTIMATORS)));
        }
        return units;
    }
}
