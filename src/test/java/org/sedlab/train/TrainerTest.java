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

        TrainingListener crash = new TrainingListener() {
            @Override public void onStep(TrainingContext context, long step, double loss) {
                if (step == 27) throw new IllegalStateException("simulated crash");
            }
        };
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
        TrainingListener crash = new TrainingListener() {
            @Override public void onStep(TrainingContext context, long step, double loss) {
                if (step == 12) throw new IllegalStateException("crash");
            }
        };
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
        TrainingListener crash = new TrainingListener() {
            @Override public void onStep(TrainingContext context, long step, double loss) {
                if (step == 25) throw new IllegalStateException("crash");
            }
        };
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

    private static Evaluation eval(long step, double testAcc) {
        return new Evaluation(step, new double[]{0}, new double[]{1}, new double[]{0}, new double[]{testAcc});
    }
}
