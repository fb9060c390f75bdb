package org.sedlab.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Section 3 as sweep units: every op and seed trained to its grok step; gradient SED on
 * every run and update SED where Table 1 and Figure 1 need it; Table 2's ablations on add seed 42
 * (window sizes and k in one pass, epsilon, probe seeds); Table 3's per-example gradient SVD.
 */
public final class Section3Sweep {
    public static final List<String> OPS = List.of("add", "sub", "mul", "sq");
    /** The control run of every ablation. */
    public static final String CONTROL = "add-42";
    public static final List<Integer> WINDOWS = List.of(1, 2, 5, 10, 20, 40);
    /** k = 1, 3, 5 at W = 20 come from one basis of 5 directions: R-bar for k is the mean of R1..Rk. */
    public static final int WIDEST_K = 5;
    public static final List<String> EPSILONS = List.of("0.001", "0.05");
    public static final List<Integer> PROBE_SEEDS = List.of(1, 2);

    private Section3Sweep() {}

    /** @param runs where checkpoints go (git-ignored); @param data where results go */
    public static List<SweepUnit> units(Profile profile, Path runs, Path data) {
        // Each run's analysis follows its training, so one worker finishes whole runs (the control first).
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : profile.seeds()) {
            for (String op : OPS) {
                units.add(train(profile, op, seed, runs, data));
                String estimators = seed == 42 || op.equals("add") ? "gradient,update" : "gradient";
                units.add(analysis("sed/" + op + "-" + seed, profile, op + "-" + seed, runs, data, "--estimators", estimators));
                if ((op + "-" + seed).equals(CONTROL)) units.addAll(controlRunUnits(profile, runs, data));
            }
        }
        return units;
    }

    /** Table 3 (cheap, first) and Table 2 on the control run. */
    private static List<SweepUnit> controlRunUnits(Profile profile, Path runs, Path data) {
        List<SweepUnit> units = new ArrayList<>();
        Path perExample = data.resolve("per-example").resolve(CONTROL);
        List<String> args = new ArrayList<>(List.of("per-example", "--run", runs.resolve(CONTROL).toString(),
                "--out", perExample.resolve("per-example.csv").toString()));
        if (profile == Profile.QUICK) args.addAll(List.of("--batch", "32", "--n-probes", "128", "--n-random", "3"));
        units.add(new SweepUnit("per-example/" + CONTROL, List.of("train/" + CONTROL), args, perExample, List.of()));
        // QUICK runs have 3 checkpoints: windows of 1 and 2 rows fit.
        boolean full = profile == Profile.FULL;
        units.add(analysis("ablation/" + CONTROL + "-windows", profile, CONTROL, runs, data, "--estimators", "gradient",
                "--W", full ? join(WINDOWS) : "1,2", "--k", full ? String.valueOf(WIDEST_K) : "2"));
        for (String eps : EPSILONS) {
            units.add(analysis("ablation/" + CONTROL + "-eps" + eps, profile, CONTROL, runs, data, "--estimators", "gradient",
                    "--eps-rel", eps));
        }
        for (int probeSeed : PROBE_SEEDS) {
            units.add(analysis("ablation/" + CONTROL + "-probes" + probeSeed, profile, CONTROL, runs, data,
                    "--estimators", "gradient", "--probe-seed", String.valueOf(probeSeed)));
        }
        return units;
    }

    private static SweepUnit train(Profile profile, String op, long seed, Path runs, Path data) {
        String name = op + "-" + seed;
        Path run = runs.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--op", op, "--seed", String.valueOf(seed), "--out", run.toString()));
        args.addAll(profile.trainLimits());
        return new SweepUnit("train/" + name, List.of(), args, data.resolve("runs").resolve(name),
                List.of(run.resolve("run.json"), run.resolve("metrics.csv")));
    }

    private static SweepUnit analysis(String id, Profile profile, String run, Path runs, Path data, String... options) {
        Path out = data.resolve(id);
        List<String> args = new ArrayList<>(List.of("analyze", "--run", runs.resolve(run).toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        // QUICK runs have 3 checkpoints, 2 updates: the paper's W = 20 does not fit.
        if (profile == Profile.QUICK && !args.contains("--W")) args.addAll(List.of("--W", "2", "--k", "2"));
        args.addAll(profile.analysisLimits());
        return new SweepUnit(id, List.of("train/" + run), args, out, List.of());
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
