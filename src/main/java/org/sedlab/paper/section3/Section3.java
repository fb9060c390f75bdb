package org.sedlab.paper.section3;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;

/**
 * The paper's Section 3 as sweep units: every op and seed trained to its grok step; gradient SED on
 * every run and update SED where Table 1 and Figure 1 need it (seed 42, add) and on every run of the
 * scorecard's further seeds, which pair the two estimators by seed; Table 2's ablations on add seed 42
 * (window sizes and k in one pass, epsilon, probe seeds); Table 3's per-example gradient SVD.
 */
public final class Section3 implements Part {
    public static final String NAME = "section3";
    public static final List<String> OPS = List.of("add", "sub", "mul", "sq");
    /** Ten, so that a sign test paired by seed can decide a comparison of two estimators. */
    public static final List<Long> SEEDS = Seeds.first(10);
    /** The control run of every ablation. */
    public static final String CONTROL = UnitBuilder.runName("add", 42);
    public static final List<Integer> WINDOWS = List.of(1, 2, 5, 10, 20, 40);
    /** k = 1, 3, 5 at W = 20 come from one basis of 5 directions: R-bar for k is the mean of R1..Rk. */
    public static final int WIDEST_K = 5;
    public static final List<String> EPSILONS = List.of("0.001", "0.05");
    public static final List<Integer> PROBE_SEEDS = List.of(1, 2);
    /** Unit ids of Table 3 and Table 2 on the control run. */
    public static final String PER_EXAMPLE = "per-example/" + CONTROL;
    public static final String WINDOW_ABLATION = "ablation/" + CONTROL + "-windows";

    @Override public String name() { return NAME; }

    @Override public String title() { return "Tables 1-3, Figures 1-2: update vs gradient SED, ablations"; }

    /** Quick runs stop at step 50: 3 checkpoints, 2 updates, so windows of 2 rows. */
    @Override public QuickScale quick() {
        return QuickScale.FIFTY_STEPS;
    }

    @Override public List<Claim> claims(SectionData data) { return Section3Claims.all(data); }

    /** The id of a run's SED analysis. */
    public static String sedId(String run) { return "sed/" + run; }

    public static String epsAblation(String eps) { return "ablation/" + CONTROL + "-eps" + eps; }

    public static String probeSeedAblation(int seed) { return "ablation/" + CONTROL + "-probes" + seed; }

    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        // Each run's analysis follows its training, so one worker finishes whole runs (the control first).
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : b.seeds(SEEDS)) {
            for (String op : OPS) {
                String run = UnitBuilder.runName(op, seed);
                units.add(b.train(op, seed));
                boolean update = seed == 42 || op.equals("add") || !Seeds.PAPER.contains(seed);
                String estimators = update ? "gradient,update" : "gradient";
                units.add(b.analysis(sedId(run), run, "--estimators", estimators));
                if (run.equals(CONTROL)) units.addAll(controlRunUnits(b));
            }
        }
        return units;
    }

    /** Table 3 (cheap, first) and Table 2 on the control run. */
    private static List<SweepUnit> controlRunUnits(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of("per-example", "--run", b.runDir(CONTROL).toString(),
                "--out", b.output(PER_EXAMPLE).resolve("per-example.csv").toString()));
        if (b.isQuick()) args.addAll(List.of("--batch", "32", "--n-probes", "128", "--n-random", "3"));
        units.add(b.onRun(PER_EXAMPLE, CONTROL, args));
        boolean full = !b.isQuick();
        units.add(b.analysis(WINDOW_ABLATION, CONTROL, "--estimators", "gradient",
                "--W", full ? UnitBuilder.commaList(WINDOWS) : "1,2", "--k", full ? String.valueOf(WIDEST_K) : "2"));
        for (String eps : EPSILONS) {
            units.add(b.analysis(epsAblation(eps), CONTROL, "--estimators", "gradient", "--eps-rel", eps));
        }
        for (int probeSeed : PROBE_SEEDS) {
            units.add(b.analysis(probeSeedAblation(probeSeed), CONTROL,
                    "--estimators", "gradient", "--probe-seed", String.valueOf(probeSeed)));
        }
        return units;
    }
}
