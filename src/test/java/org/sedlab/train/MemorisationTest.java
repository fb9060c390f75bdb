package org.sedlab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.data.ModOp;

/** The paper's optimiser and model memorise the train split within a few hundred steps. */
class MemorisationTest {
    @TempDir Path tmp;

    @Test
    void trainAccuracyReaches99PercentWithinAFewHundredSteps() {
        RunConfig config = RunConfig.singleTask(ModOp.ADD).p(31).seed(42).maxSteps(300).stopAtGrok(false).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("mem"));
        new Trainer(config, List.of()).train(dir);
        List<Evaluation> history = dir.readMetrics();
        double first = history.get(0).trainAccuracy(0);
        double last = history.get(history.size() - 1).trainAccuracy(0);
        assertTrue(first < 0.2, "starts near chance: " + first);
        assertTrue(last >= 0.99, "train accuracy after 300 steps: " + last);
    }
}
