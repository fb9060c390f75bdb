package org.sedlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.data.ModOp;
import org.sedlab.intervention.Intervention;
import org.sedlab.io.FileTrees;

class RunFootprintTest {
    @TempDir Path tmp;

    private static final long OVERHEAD = 64 * 1024;

    @Test
    void theBoundIsTheCheckpointsAndTwoResumePointsCountedByHand() {
        // add at p = 97: 290,401 float32 parameters; 50 steps with a checkpoint every 25: steps 0, 25 and 50
        RunConfig plain = RunConfig.singleTask(ModOp.ADD).maxSteps(50).checkpointEvery(25).build();
        long model = 290_401L * 4 + OVERHEAD;
        long state = 2 * 290_401L * 4 + OVERHEAD; // AdamW's two moments
        assertEquals(3 * model + 2 * state, RunFootprint.bytesAtMost(plain, false));
        assertEquals(3 * (model + state) + 2 * state, RunFootprint.bytesAtMost(plain, true));
        // C keeps its window of 20 attention directions (131,072 values each) and their 20 x 20 Gram matrix
        RunConfig projected = plain.toBuilder().intervention(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)).build();
        long withWindow = (2 * 290_401L + 20 * 131_072L + 20 * 20) * 4 + OVERHEAD;
        assertEquals(3 * model + 2 * withWindow, RunFootprint.bytesAtMost(projected, false));
    }

    /** Small runs trained to their cap, a checkpoint every 10 of 40 steps. */
    private static RunConfig.Builder small() {
        return RunConfig.singleTask(ModOp.ADD).p(11).seed(3).batchSize(64).maxSteps(40).evalEvery(5).checkpointEvery(10).stopAtGrok(false);
    }

    @Test
    void realRunsWriteWithinTheirBoundAndAtLeastHalfOfIt() {
        RunConfig plain = small().build();
        RunConfig projected = small().intervention(Intervention.of(Intervention.Mode.C, Intervention.Flavour.GRADIENT)).build();
        for (boolean keeps : new boolean[]{false, true}) {
            for (RunConfig config : List.of(plain, projected)) {
                Path dir = tmp.resolve(config.name() + "-" + keeps);
                new Trainer(config, keeps ? List.of(TrainingListener.Defaults.optimizerStates()) : List.of()).train(new RunDirectory(dir));
                long written = FileTrees.size(dir);
                long bound = RunFootprint.bytesAtMost(config, keeps);
                assertTrue(written <= bound && bound <= 2 * written, config.name() + " keeping state " + keeps + ": wrote " + written + ", bound " + bound);
            }
        }
    }

    @Test
    void aRunItsDiskCannotHoldIsRefusedBeforeItWritesAnything() {
        // a checkpoint every 5 of a billion steps: some 200 TB
        RunConfig endless = small().maxSteps(1_000_000_000).checkpointEvery(5).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("endless"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Trainer(endless, List.of()).train(dir));
        assertTrue(e.getMessage().matches(".*endless may write up to [0-9.]+ GB more \\(checkpoints every 5 steps up to step 1000000000\\) "
                + "and its disk has [0-9.]+ GB free: free some .*"), e.getMessage());
        assertFalse(Files.exists(dir.resumeState()));
        assertEquals(List.of(), dir.checkpointSteps());
        assertFalse(Files.exists(dir.runJson()));
    }
}
