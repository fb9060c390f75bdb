package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.data.ModOp;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;
import tech.tablesaw.api.Table;

/** Analysis caches are keyed by what they were computed from, not by the number and last step of the checkpoints. */
class AnalysisCacheTest {
    @TempDir Path tmp;

    private Path train(String name, long seed) {
        RunConfig config = RunConfig.singleTask(ModOp.SUB).p(11).seed(seed).batchSize(64).maxSteps(20)
                .evalEvery(5).checkpointEvery(5).stopAtGrok(false).build();
        RunDirectory dir = new RunDirectory(tmp.resolve(name));
        new Trainer(config, List.of()).train(dir);
        return dir.root();
    }

    private static Table analyse(Path run, Path out) {
        AnalysisSettings settings = AnalysisSettings.defaults().estimators(List.of("update", "gradient")).w(2).k(2)
                .nProbes(32).nRandom(3).nCheckpoints(3).gradientBatch(32).build();
        return new SedAnalysis(CheckpointSeries.open(run, null), settings, Progress.SILENT).run(out);
    }

    @Test
    void swappedCheckpointsWithTheSameCountAndLastStepAreAnalysedAfresh() throws IOException {
        Path run = train("run", 1);
        Path other = train("other", 2);
        analyse(run, tmp.resolve("first"));

        // Another seed's checkpoints under the same names: same count, same last step, other weights.
        try (Stream<Path> files = Files.list(other.resolve("checkpoints"))) {
            for (Path f : files.toList()) {
                Files.copy(f, run.resolve("checkpoints").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Table swapped = analyse(run, tmp.resolve("second"));
        Table fresh = analyse(other, tmp.resolve("fresh"));
        for (String column : List.of("R1", "R2", "Rbar", "random_median")) {
            assertEquals(fresh.doubleColumn(column).asList(), swapped.doubleColumn(column).asList(), column);
        }
    }

    @Test
    void aCacheFileHoldingAnotherKeyIsNotUsed() {
        Path dir = tmp.resolve("cache");
        AnalysisCache written = new AnalysisCache(dir, "gradients-add", "seed=1");
        written.write(org.nd4j.linalg.factory.Nd4j.ones(2, 3));
        AnalysisCache asked = new AnalysisCache(dir, "gradients-add", "seed=2");
        assertEquals(true, written.read().isPresent());
        assertEquals(false, asked.read().isPresent());
    }
}
