package org.sedlab.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sedlab.bench.Bench;
import org.sedlab.model.Engine;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;

/**
 * What a sweep's units take on this machine, one worker: each training unit its steps (as its committed
 * run.json recorded them, else its cap) at the step and evaluation costs timed here, each analysis its
 * checkpoints at the cost of an analysed checkpoint timed here, scaled by its coupling evaluations. Other
 * units (per-example SVD, Fisher scale, centroid comparison) count at their recorded wall time.
 */
final class WallTimeEstimate {
    /** A run not yet trained counts at its cap; a multitask run's (300,000) would say nothing, so this instead. */
    private static final int MULTITASK_GUESS = 20000;
    /** What a rank-3 projection costs on top of a step (the bench's ratios: 1.15 to 1.25). */
    private static final double INTERVENTION_FACTOR = 1.2;
    /** The bench's analysed checkpoint: 3 SED directions and 20 random ones. */
    private static final int BENCH_COUPLINGS = 23;

    /** Milliseconds on this machine, medians of the bench's workloads. */
    record Costs(double stepMs, double multitaskStepMs, double evaluationMs, double checkpointMs) {
        String describe() {
            return String.format("a step %.0f ms, a multitask step %.0f ms, an evaluation %.0f ms, an analysed checkpoint %.1f s",
                    stepMs, multitaskStepMs, evaluationMs, checkpointMs / 1000);
        }
    }

    private WallTimeEstimate() {}

    /** Times the workloads that the estimate scales (about ten seconds). */
    static Costs calibrate() {
        Map<String, Runnable> w = Bench.workloads(Engine.configured());
        return new Costs(median(w.get("train_step_b512"), 8), median(w.get("train_step_multitask_b512"), 8),
                median(w.get("evaluation_all_pairs"), 3), median(w.get("analysed_checkpoint"), 2));
    }

    private static double median(Runnable workload, int repeats) {
        for (int i = 0; i < 2; i++) workload.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            workload.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    /** Seconds for {@code unit} on one worker. */
    static double seconds(SweepUnit unit, Costs costs) {
        List<String> args = unit.arguments();
        if (unit.training().isPresent()) {
            RunConfig run = unit.training().get();
            boolean multitask = run.toTask().isMultitask();
            long steps = recordedSteps(unit).orElse(multitask ? Math.min(run.maxSteps(), MULTITASK_GUESS) : run.maxSteps());
            double step = multitask ? costs.multitaskStepMs() : costs.stepMs();
            if (run.intervention() != null) step *= INTERVENTION_FACTOR;
            double evaluations = (double) steps / run.evalEvery();
            return (steps * step + evaluations * costs.evaluationMs()) / 1000;
        }
        if (args.get(0).equals("analyze")) {
            boolean multitask = unit.id().contains("multitask");
            int checkpoints = Integer.parseInt(option(args, "--n-checkpoints", multitask ? "30" : "40"));
            int ops = multitask ? 4 : 1;
            int bases = 0;
            for (String e : option(args, "--estimators", "update,gradient").split(",")) bases += e.startsWith("per-op") ? ops : 1;
            int windows = option(args, "--W", "20").split(",").length;
            int k = Integer.parseInt(option(args, "--k", "3"));
            int couplings = ops * Integer.parseInt(option(args, "--n-random", "20")) + bases * windows * k;
            return checkpoints * costs.checkpointMs() * couplings / BENCH_COUPLINGS / 1000;
        }
        return recordedWallSeconds(unit);
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    /** The steps a finished training unit's run.json records. */
    private static java.util.OptionalLong recordedSteps(SweepUnit unit) {
        JsonObject run = json(unit.output().resolve("run.json"));
        return run != null && run.has("steps_completed") ? java.util.OptionalLong.of(run.get("steps_completed").getAsLong())
                : java.util.OptionalLong.empty();
    }

    private static double recordedWallSeconds(SweepUnit unit) {
        JsonObject record = json(unit.output().resolve(SweepUnit.RECORD));
        return record != null && record.has("wall_seconds") ? record.get("wall_seconds").getAsDouble() : 0;
    }

    private static JsonObject json(Path file) {
        try {
            return Files.isRegularFile(file) ? JsonParser.parseString(Files.readString(file)).getAsJsonObject() : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: no record to go by
        }
    }
}
