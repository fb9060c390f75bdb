package org.sedlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.intervention.Intervention;
import org.sedlab.io.Npz;

class TrainerTest {
    @TempDir Path tmp;

    /** A small run: p = 11 keeps each step cheap; intervals small enough to see several checkpoints. */
    private static RunConfig small(long seed) {
        return RunConfig.singleTask(ModOp.ADD).p(11).seed(seed).batchSize(64).maxSteps(40)
                .evalEvery(5).checkpointEvery(10).stopAtGrok(false).build();
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        RunDirectory a = new RunDirectory(tmp.resolve("a"));
        RunDirectory b = new RunDirectory(tmp.resolve("b"));
        RunDirectory c = new RunDirectory(tmp.resolve("c"));
        new Trainer(small(3), List.of()).train(a);
        new Trainer(small(3), List.of()).train(b);
        new Trainer(small(4), List.of()).train(c);
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), a.checkpointSteps());
        assertEquals(Npz.read(a.checkpoint(40)), Npz.read(b.checkpoint(40)));
        assertNotEquals(Npz.read(a.checkpoint(40)).get("head.weight"), Npz.read(c.checkpoint(40)).get("head.weight"));
    }

    @Test
    void hugeLearningRateStopsAtTheFirstNonFiniteLossAsDiverged() throws Exception {
        RunConfig config = small(5).toBuilder().learningRate(1e4).maxSteps(200).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("diverged"));
        RunResult result = new Trainer(config, List.of()).train(dir);
        assertEquals(RunResult.Status.DIVERGED, result.status());
        long at = result.divergedAt().orElseThrow();
        assertTrue(at < 200, "stopped at " + at);
        assertEquals(at - 1, result.stepsCompleted());
        for (long step : dir.checkpointSteps()) {
            assertTrue(step < at, "no checkpoint from the diverged step on: " + step);
            for (INDArray a : Npz.read(dir.checkpoint(step)).values()) {
                assertTrue(!a.isNaN().any() && !a.isInfinite().any(), "finite checkpoint " + step);
            }
        }
        String json = Files.readString(dir.runJson());
        assertTrue(json.contains("\"status\": \"diverged\"") && json.contains("\"diverged_at_step\": " + at), json);
        RunResult again = new Trainer(config, List.of()).train(dir);
        assertEquals(RunResult.Status.DIVERGED, again.status(), "a diverged run is reported, not retrained");
        assertEquals(at, again.divergedAt().orElseThrow());
    }

    @Test
    void interruptedRunResumesAndEndsIdenticalToUninterrupted() throws Exception {
        RunDirectory whole = new RunDirectory(tmp.resolve("whole"));
        RunDirectory broken = new RunDirectory(tmp.resolve("broken"));
        new Trainer(small(9), List.of()).train(whole);

        TrainingListener crash = crashAt(27);
        assertThrows(IllegalStateException.class, () -> new Trainer(small(9), List.of(crash)).train(broken));
        assertEquals(List.of(0L, 10L, 20L), broken.checkpointSteps());
        assertEquals(25, broken.readMetrics().get(broken.readMetrics().size() - 1).step(), "metrics ran ahead of the checkpoint");

        RunResult resumed = new Trainer(small(9), List.of()).train(broken);
        assertEquals(40, resumed.stepsCompleted());
        for (long step : whole.checkpointSteps()) {
            assertEquals(Npz.read(whole.checkpoint(step)), Npz.read(broken.checkpoint(step)), "checkpoint " + step);
        }
        Map<String, INDArray> s1 = Npz.read(whole.resumeState());
        Map<String, INDArray> s2 = Npz.read(broken.resumeState());
        assertEquals(s1, s2, "optimizer state");
        assertEquals(Files.readString(whole.metricsCsv()), Files.readString(broken.metricsCsv()));
        String record = Files.readString(broken.runJson());
        assertTrue(record.contains("\"resumed_from_step\": 20") && record.contains("\"resumptions\""), record);

        RunResult again = new Trainer(small(9), List.of()).train(broken);
        assertEquals(resumed.stepsCompleted(), again.stepsCompleted(), "a finished run is reported, not retrained");
    }

    @Test
    void runKilledRightAfterItsStepZeroStateResumesWithOneStepZeroRow() throws Exception {
        RunDirectory whole = new RunDirectory(tmp.resolve("whole"));
        RunDirectory broken = new RunDirectory(tmp.resolve("broken"));
        new Trainer(small(9), List.of()).train(whole);
        TrainingListener crash = crashAt(1);
        assertThrows(IllegalStateException.class, () -> new Trainer(small(9), List.of(crash)).train(broken));
        assertEquals(0, Npz.read(broken.resumeState()).get("step").getLong(0), "the state was saved at step 0");

        new Trainer(small(9), List.of()).train(broken);
        assertEquals(Files.readString(whole.metricsCsv()), Files.readString(broken.metricsCsv()));
        assertEquals(Npz.read(whole.checkpoint(40)), Npz.read(broken.checkpoint(40)));
    }

    @Test
    void theOptimizersStateIsKeptAtEveryCheckpointWhenAskedAndIsTheResumePointOfThatStep() throws Exception {
        RunDirectory kept = new RunDirectory(tmp.resolve("kept"));
        RunDirectory upTo20 = new RunDirectory(tmp.resolve("up-to-20"));
        new Trainer(small(9), List.of(TrainingListener.Defaults.optimizerStates())).train(kept);
        new Trainer(small(9).toBuilder().maxSteps(20).build(), List.of()).train(upTo20);
        for (long step : kept.checkpointSteps()) assertTrue(Files.isRegularFile(kept.optimizerState(step)), "state at step " + step);
        Map<String, INDArray> at20 = Npz.read(upTo20.resumeState());
        at20.remove("step");
        assertEquals(at20, Npz.read(kept.optimizerState(20)), "the state a run stopped at step 20 resumes from");
        assertTrue(Npz.read(kept.optimizerState(20)).containsKey("exp_avg_sq"));
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), kept.checkpointSteps(), "checkpoints/ holds models only");
    }

    @Test
    void aDirectoryBeingTrainedCannotBeTrainedAgainUntilReleased() {
        RunDirectory dir = new RunDirectory(tmp.resolve("busy"));
        try (var held = dir.claim()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Trainer(small(1), List.of()).train(dir));
            assertTrue(e.getMessage().contains("being trained by another sedlab process"), e.getMessage());
        }
        assertEquals(40, new Trainer(small(1).toBuilder().maxSteps(40).build(), List.of()).train(dir).stepsCompleted());
    }

    @Test
    void directoryOfAnotherConfigurationOrCorruptStateIsRefusedClearly() throws Exception {
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        new Trainer(small(1).toBuilder().maxSteps(10).build(), List.of()).train(dir);
        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> new Trainer(small(2), List.of()).train(dir));
        assertTrue(other.getMessage().contains("another configuration (maxSteps: 10 there, 40 asked; seed: 1 there, 2 asked)"),
                other.getMessage());
        assertTrue(!other.getMessage().contains("{") && !other.getMessage().contains("\n"), "names fields, not JSON: " + other.getMessage());

        RunDirectory corrupt = new RunDirectory(tmp.resolve("corrupt"));
        TrainingListener crash = crashAt(12);
        assertThrows(IllegalStateException.class, () -> new Trainer(small(1), List.of(crash)).train(corrupt));
        Files.write(corrupt.checkpoint(10), new byte[]{1, 2, 3});
        var e = assertThrows(RuntimeException.class, () -> new Trainer(small(1), List.of()).train(corrupt));
        assertTrue(e.getMessage().contains("step_000010.npz"), e.getMessage());
    }

    @Test
    void aCorruptRunJsonIsAnsweredWithAdviceThatKeepsTheCheckpoints() throws Exception {
        RunDirectory whole = new RunDirectory(tmp.resolve("whole"));
        new Trainer(small(6), List.of()).train(whole);
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        TrainingListener crash = crashAt(25);
        assertThrows(IllegalStateException.class, () -> new Trainer(small(6), List.of(crash)).train(dir));
        Files.writeString(dir.runJson(), "{\"config\": {");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Trainer(small(6), List.of()).train(dir));
        assertTrue(e.getMessage().contains("move run.json aside") && !e.getMessage().contains("delete"), e.getMessage());

        // Following the advice resumes from the kept checkpoints and ends as the uninterrupted run.
        Files.move(dir.runJson(), dir.root().resolve("run.json.broken"));
        new Trainer(small(6), List.of()).train(dir);
        assertEquals(Npz.read(whole.checkpoint(40)), Npz.read(dir.checkpoint(40)));
    }

    @Test
    void grokRuleCountsCumulativelyFromStep25AndOptionallyConsecutively() {
        double[] acc = {0.99, 0.99, 0.5, 0.99, 0.99};
        List<Evaluation> history = new java.util.ArrayList<>();
        history.add(eval(0, 1.0));
        for (int i = 0; i < acc.length; i++) history.add(eval(25L * (i + 1), acc[i]));
        assertEquals(100, new GrokRule(0.98, 3, false).grokStep(history).getAsLong(), "step 0 never counts");
        assertTrue(new GrokRule(0.98, 3, true).grokStep(history).isEmpty(), "the 0.5 at step 75 resets a consecutive count");
        assertEquals(50, new GrokRule(0.98, 2, true).grokStep(history).getAsLong());
        assertEquals(25, GrokRule.firstStepAtOrAbove(history, 0.5).getAsLong());
    }

    @Test
    void multitaskHeadsLatchOnceGroked() {
        // Two heads: head 0 reaches 3 in a row at step 300, then dips (latched: stays grokked);
        // head 1 is reset by its dip at 300 and reaches 3 in a row at 600.
        double[][] acc = {{0.99, 0.99}, {0.99, 0.99}, {0.99, 0.5}, {0.4, 0.99}, {0.99, 0.99}, {0.99, 0.99}};
        List<Evaluation> history = new java.util.ArrayList<>();
        history.add(new Evaluation(0, new double[2], new double[2], new double[2], new double[]{1, 1}));
        for (int i = 0; i < acc.length; i++) {
            history.add(new Evaluation(100L * (i + 1), new double[2], new double[2], new double[2], acc[i]));
        }
        GrokRule rule = GrokRule.MULTITASK;
        assertEquals(List.of(300L, 600L), java.util.Arrays.stream(rule.headGrokSteps(history)).boxed().toList());
        assertEquals(600, rule.grokStep(history).getAsLong(), "the run groks when its last head does");
        assertEquals(List.of(300L, -1L), java.util.Arrays.stream(rule.headGrokSteps(history.subList(0, 6))).boxed().toList());
        assertTrue(rule.grokStep(history.subList(0, 6)).isEmpty());
    }

    @Test
    void multitaskRunEvaluatesAtStepOneAndRecordsEachOpsGrokStep() throws Exception {
        RunConfig config = RunConfig.multitask().p(11).seed(5).batchSize(64).maxSteps(40).evalEvery(10).checkpointEvery(20).build();
        assertEquals(300_000, RunConfig.multitask().build().maxSteps(), "the author's cap");
        assertEquals("multitask-5-b64", config.name(), "a batch other than the paper's is in the name");
        RunDirectory dir = new RunDirectory(tmp.resolve("mt"));
        RunResult result = new Trainer(config, List.of()).train(dir);
        List<Long> evaluated = dir.readMetrics().stream().map(Evaluation::step).toList();
        assertEquals(List.of(0L, 1L, 10L, 20L, 30L, 40L), evaluated, "evaluated at step 0, step 1, then every 10");
        assertEquals(List.of(0L, 20L, 40L), dir.checkpointSteps());
        assertEquals(4, result.headGrokSteps().length);
        String json = Files.readString(dir.runJson());
        assertTrue(json.contains("\"first_step_test_acc_0.5\": null"), "test accuracy never reached 0.5: " + json);
        // 40 steps are far too few to grok: every op is recorded, as not grokked.
        assertTrue(json.contains("\"grok_steps\": {\n    \"add\": null,\n    \"sub\": null,\n    \"mul\": null,\n    \"sq\": null"), json);
        assertEquals(-1, new Trainer(config, List.of()).train(dir).headGrokSteps()[2], "read back from run.json");
    }

    /**
     * Projection after memorisation: it starts on the step after the first evaluation at train accuracy
     * 0.99, and a run killed after that resumes armed (the evaluations are replayed), bit-identical.
     */
    @Test
    void projectionAfterMemorisationStartsAfterTheFirstMemorisedEvaluationAndResumesArmed() throws Exception {
        RunConfig config = small(6).toBuilder().maxSteps(300)
                .intervention(Intervention.of(Intervention.Mode.E, Intervention.Flavour.GRADIENT).afterMemorising()).build();
        RunDirectory whole = new RunDirectory(tmp.resolve("whole-mem"));
        RunResult uninterrupted = new Trainer(config, List.of()).train(whole);
        long memorised = whole.readMetrics().stream().filter(e -> e.minTrainAccuracy() >= Intervention.MEMORISED)
                .mapToLong(Evaluation::step).min().orElseThrow(() -> new AssertionError("the small run never memorised: lengthen it"));
        assertTrue(memorised > 20 && memorised < 290, "memorised at step " + memorised + ", inside the run and after the window");
        assertEquals(300 - memorised, uninterrupted.projectedSteps(), "every step after the first memorised evaluation");
        RunDirectory broken = new RunDirectory(tmp.resolve("broken-mem"));
        long crash = memorised + 12;
        assertThrows(IllegalStateException.class, () -> new Trainer(config, List.of(crashAt(crash))).train(broken));
        RunResult resumed = new Trainer(config, List.of()).train(broken);
        assertEquals(uninterrupted.projectedSteps(), resumed.projectedSteps());
        assertEquals(Npz.read(whole.resumeState()), Npz.read(broken.resumeState()), "resumed armed: the same bits");
    }

    /** Killed during the projection phase (step 33; projection starts at 21), resumed: bit-identical to an uninterrupted run. */
    @Test
    void interventionRunKilledWhileProjectingResumesBitIdentical() throws Exception {
        for (Intervention intervention : List.of(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT),
                Intervention.of(Intervention.Mode.E, Intervention.Flavour.UPDATE))) {
            RunConfig config = small(6).toBuilder().intervention(intervention).build();
            RunDirectory whole = new RunDirectory(tmp.resolve("whole-" + intervention.name()));
            RunDirectory broken = new RunDirectory(tmp.resolve("broken-" + intervention.name()));
            RunResult uninterrupted = new Trainer(config, List.of()).train(whole);
            assertEquals(20, uninterrupted.projectedSteps(), "steps 21..40 projected");
            TrainingListener kill = crashAt(33);
            assertThrows(IllegalStateException.class, () -> new Trainer(config, List.of(kill)).train(broken));
            RunResult resumed = new Trainer(config, List.of()).train(broken);
            assertEquals(20, resumed.projectedSteps(), "the count survives the resume");
            for (long step : whole.checkpointSteps()) {
                assertEquals(Npz.read(whole.checkpoint(step)), Npz.read(broken.checkpoint(step)), intervention.name() + " checkpoint " + step);
            }
            assertEquals(Npz.read(whole.resumeState()), Npz.read(broken.resumeState()), "optimizer and intervention state");
            assertTrue(Files.readString(broken.runJson()).contains("\"projected_steps\": 20"));
        }
        // The intervention changes training: the same seed without it ends elsewhere.
        RunDirectory control = new RunDirectory(tmp.resolve("control"));
        new Trainer(small(6), List.of()).train(control);
        assertNotEquals(Npz.read(control.checkpoint(40)).get("encoder.layers.0.self_attn.in_proj_weight"),
                Npz.read(new RunDirectory(tmp.resolve("whole-C-grad")).checkpoint(40)).get("encoder.layers.0.self_attn.in_proj_weight"));
    }

    @Test
    void aRunFolderOfOneInterventionRefusesAnotherAndNamesComeFromTheConfiguration() {
        RunConfig c = small(2).toBuilder().maxSteps(10).intervention(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("c"));
        new Trainer(c, List.of()).train(dir);
        RunConfig e = c.toBuilder().intervention(Intervention.of(Intervention.Mode.E, Intervention.Flavour.GRADIENT)).build();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Trainer(e, List.of()).train(dir));
        assertTrue(refused.getMessage().contains("another configuration"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new Trainer(c.toBuilder().intervention(null).build(), List.of()).train(dir),
                "nor can a control be resumed from an intervention's folder");

        assertEquals("add-42", RunConfig.singleTask(ModOp.ADD).seed(42).build().name());
        assertEquals("add-42-C-grad", RunConfig.singleTask(ModOp.ADD).seed(42)
                .intervention(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)).build().name());
        assertEquals("add-42-A-grad-wd0", RunConfig.singleTask(ModOp.ADD).seed(42).weightDecay(0)
                .intervention(Intervention.of(Intervention.Mode.A, Intervention.Flavour.GRADIENT)).build().name());
        assertEquals("mul-137-E-upd-lr0.003", RunConfig.singleTask(ModOp.MUL).seed(137).learningRate(3e-3)
                .intervention(Intervention.of(Intervention.Mode.E, Intervention.Flavour.UPDATE)).build().name());
        assertThrows(IllegalArgumentException.class, () -> RunConfig.multitask()
                .intervention(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)).build());
    }

    /** Settings added since a run was recorded take their defaults: an older run.json still resumes and reports. */
    @Test
    void aRunRecordedBeforeNewerSettingsExistedStillReports() throws Exception {
        RunDirectory dir = new RunDirectory(tmp.resolve("old"));
        RunResult done = new Trainer(small(3).toBuilder().maxSteps(10).build(), List.of()).train(dir);
        String json = Files.readString(dir.runJson())
                .replaceAll(",\\s*\"evalAtStepOne\": false", "").replaceAll(",\\s*\"intervention\": null", "");
        assertTrue(!json.contains("evalAtStepOne") && !json.contains("\"intervention\""), json);
        Files.writeString(dir.runJson(), json);
        assertEquals(done.stepsCompleted(), new Trainer(small(3).toBuilder().maxSteps(10).build(), List.of()).train(dir).stepsCompleted());
    }

    private static Evaluation eval(long step, double testAcc) {
        return new Evaluation(step, new double[]{0}, new double[]{1}, new double[]{0}, new double[]{testAcc});
    }

    /** A listener that fails the run at {@code step}, as a kill at that moment would. */
    private static TrainingListener crashAt(long at) {
        return new TrainingListener() {
            @Override public void onStep(TrainingContext context, long step, double loss) {
                if (step == at) throw new IllegalStateException("simulated crash at step " + at);
            }
        };
    }
}
