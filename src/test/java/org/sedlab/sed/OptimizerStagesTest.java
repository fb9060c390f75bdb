package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.ModOp;
import org.sedlab.model.GrokTransformer;
import org.sedlab.optim.AdamW;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.sed.OptimizerStages.Stage;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;
import org.sedlab.train.TrainingListener;

/** AdamW's stages from its saved state: hand-computed on two coordinates, and against the updates a run really made. */
class OptimizerStagesTest {
    @TempDir Path tmp;

    @Test
    void stagesOfAStateByHand() {
        AdamWSettings s = AdamWSettings.PAPER;
        AdamW.Moments moments = AdamW.Moments.of(Map.of("adam_steps", Nd4j.createFromArray(2L),
                "exp_avg", Nd4j.createFromArray(0.1f, -0.2f), "exp_avg_sq", Nd4j.createFromArray(0.04f, 0.01f)));
        // m / (1 - 0.9^2) = m / 0.19; sqrt(v) / sqrt(1 - 0.98^2) + 1e-8 = sqrt(v) / 0.198997...
        double[] momentum = {0.1f / 0.19, -0.2f / 0.19};
        double[] denominator = {Math.sqrt(0.04f) / Math.sqrt(0.0396) + 1e-8, Math.sqrt(0.01f) / Math.sqrt(0.0396) + 1e-8};
        assertArrayEquals(momentum, moments.momentum(s).toDoubleVector(), 1e-12);
        assertArrayEquals(denominator, moments.denominator(s).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[]{momentum[0] / denominator[0], momentum[1] / denominator[1]}, moments.direction(s).toDoubleVector(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> AdamW.Moments.of(Map.of("adam_steps", Nd4j.createFromArray(0L),
                "exp_avg", Nd4j.zeros(2), "exp_avg_sq", Nd4j.zeros(2))), "no direction before the first step");
    }

    /** theta(i+1) = theta(i) (1 - lr wd) - lr * adam-direction(i): the stage is the step the run took. */
    @Test
    void theAdamStagesAreTheStepsTheRunTook() {
        RunConfig config = RunConfig.singleTask(ModOp.ADD).p(11).seed(1).batchSize(32).maxSteps(4).evalEvery(1).checkpointEvery(1)
                .stopAtGrok(false).build();
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        new Trainer(config, List.of(TrainingListener.Defaults.optimizerStates())).train(run);
        CheckpointSeries series = CheckpointSeries.open(run.root(), null);
        EstimatorInputs in = new EstimatorInputs(series, new GrokTransformer(series.task(), series.load(0, DataType.FLOAT)),
                AnalysisSettings.defaults().build(), tmp.resolve("cache"), Progress.SILENT);
        OptimizerStages direction = OptimizerStages.load(in, Stage.ADAM_DIRECTION);
        OptimizerStages decay = OptimizerStages.load(in, Stage.ADAM_DECAY);
        assertEquals(4, direction.size(), "one row per step, from checkpoint 1 on");
        double lr = config.adamW().learningRate();
        double wd = config.adamW().weightDecay();
        for (int i = 0; i < direction.size(); i++) {
            INDArray before = series.load(i, DataType.DOUBLE).attention();
            INDArray after = series.load(i + 1, DataType.DOUBLE).attention();
            INDArray predicted = before.mul(1 - lr * wd).sub(direction.rows(i, 1).castTo(DataType.DOUBLE).reshape(before.shape()).mul(lr));
            double error = after.sub(predicted).norm2Number().doubleValue() / after.sub(before).norm2Number().doubleValue();
            assertTrue(error < 1e-4, "step " + (i + 1) + ": the update differs from the stage by " + error + " of its size");
            INDArray decayPart = decay.rows(i, 1).sub(direction.rows(i, 1)).castTo(DataType.DOUBLE).reshape(after.shape());
            assertTrue(decayPart.sub(after.mul(wd)).norm2Number().doubleValue() < 1e-5 * after.mul(wd).norm2Number().doubleValue(),
                    "adam-decay adds wd theta at the checkpoint");
        }
    }

    @Test
    void aRunWithoutSavedStatesIsRefusedBeforeAnyWork() {
        CheckpointSeries series = TinyRuns.singleTask(tmp.resolve("plain"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerStages.rowsOf(series));
        assertTrue(e.getMessage().contains("--save-optimizer-state"), e.getMessage());
    }
}
