package org.sedlab.sed;

import java.nio.file.Path;
import java.util.List;
import org.sedlab.data.ModOp;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;

/** Short runs for the tests of what reads a run's checkpoints. */
final class TinyRuns {
    private TinyRuns() {}

    /** add at p = 11, batch 32: checkpoints at steps 0, 5, ..., 40. */
    static CheckpointSeries singleTask(Path dir) {
        return train(RunConfig.singleTask(ModOp.ADD).p(11).seed(1).batchSize(32).maxSteps(40), dir);
    }

    /** Four ops at p = 7: checkpoints at steps 0, 5, 10. */
    static CheckpointSeries multitask(Path dir) {
        return train(RunConfig.multitask().p(7).seed(3).batchSize(32).maxSteps(10), dir);
    }

    private static CheckpointSeries train(RunConfig.Builder config, Path dir) {
        RunDirectory run = new RunDirectory(dir);
        new Trainer(config.evalEvery(5).checkpointEvery(5).stopAtGrok(false).build(), List.of()).train(run);
        return CheckpointSeries.open(run.root(), null);
    }
}
