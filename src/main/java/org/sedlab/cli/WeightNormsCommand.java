package org.sedlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sedlab.probe.WeightNorms;
import org.sedlab.sed.CheckpointSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "weight-norms", mixinStandardHelpOptions = true,
        description = {"The L2 norm of the attention, MLP, embedding and head weights, and of all parameters, at every checkpoint of a run.",
                "For the weight-norm account of grokking: read from the checkpoints, so a run trained before needs no retraining."})
final class WeightNormsCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "run directory")
    Path run;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/weight-norms.csv)")
    Path out;

    @Override
    public Integer call() {
        Path file = OutputPaths.file(out != null ? out : run.resolve("analysis").resolve("weight-norms.csv"), "--out");
        ConsoleTables.publish(file, WeightNorms.of(CheckpointSeries.open(run, null)));
        return 0;
    }
}
