package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.intervention.Intervention;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;

/** The estimate's arithmetic, by hand: steps at the step and evaluation costs, checkpoints at the coupling count. */
class WallTimeEstimateTest {
    @TempDir Path tmp;
    private final WallTimeEstimate.Costs costs = new WallTimeEstimate.Costs(20, 30, 100, 2300);

    @Test
    void trainingByItsRecordedStepsElseItsCap() throws Exception {
        Path done = tmp.resolve("done");
        Files.createDirectories(done);
        Files.writeString(done.resolve("run.json"), "{\"steps_completed\": 3000}");
        SweepUnit recorded = training("train/add-42", done, RunConfig.forTask("add").build());
        // 3000 steps of 20 ms and 120 evaluations of 100 ms
        assertEquals(72.0, WallTimeEstimate.seconds(recorded, costs), 1e-9);
        SweepUnit capped = training("train/add-42-C-grad", tmp.resolve("todo"),
                RunConfig.forTask("add").intervention(new Intervention(Intervention.Mode.C, Intervention.Flavour.GRADIENT, 3, 20)).build());
        // 8000 steps of 20 ms x 1.2 and 320 evaluations
        assertEquals(8000 * 0.024 + 32.0, WallTimeEstimate.seconds(capped, costs), 1e-9);
        SweepUnit multitask = training("train/multitask-42", tmp.resolve("mt"), RunConfig.multitask().maxSteps(1000).build());
        assertEquals(1000 * 0.030 + 10 * 0.1, WallTimeEstimate.seconds(multitask, costs), 1e-9);
    }

    @Test
    void analysesByCheckpointsAndCouplings() {
        // the default analysis: 40 checkpoints, 20 random + 2 estimators x 3 directions = 26 couplings (the bench times 23)
        SweepUnit sed = unit("sed/add-42", tmp.resolve("sed"), "analyze", "--run", "runs/add-42");
        assertEquals(40 * 2.3 * 26 / 23, WallTimeEstimate.seconds(sed, costs), 1e-9);
        // three windows of one estimator
        SweepUnit windows = unit("ablation/add-42-windows", tmp.resolve("w"), "analyze", "--estimators", "gradient", "--W", "1,2,5");
        assertEquals(40 * 2.3 * 29 / 23, WallTimeEstimate.seconds(windows, costs), 1e-9);
        // multitask: 30 checkpoints, 4 ops' random baselines, per-op gradient one basis per op
        SweepUnit mt = unit("sed/multitask-42", tmp.resolve("m"), "analyze", "--estimators", "update,per-op-gradient");
        assertEquals(30 * 2.3 * (80 + 15) / 23, WallTimeEstimate.seconds(mt, costs), 1e-9);
    }

    @Test
    void otherUnitsAtTheirRecordedWallTime() throws Exception {
        Path out = tmp.resolve("pe");
        Files.createDirectories(out);
        Files.writeString(out.resolve(SweepUnit.RECORD), "{\"wall_seconds\": 321.5}");
        assertEquals(321.5, WallTimeEstimate.seconds(unit("per-example/add-42", out, "per-example", "--run", "x"), costs));
        assertEquals(0.0, WallTimeEstimate.seconds(unit("per-example/add-137", tmp.resolve("none"), "per-example"), costs));
    }

    private static SweepUnit training(String id, Path output, RunConfig run) {
        return new SweepUnit(id, List.of(), List.of("train"), output, List.of(), run);
    }

    private static SweepUnit unit(String id, Path output, String... args) {
        return new SweepUnit(id, List.of(), List.of(args), output, List.of());
    }
}
