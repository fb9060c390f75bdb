package org.sedlab.cli;

import java.nio.file.Path;
import org.sedlab.data.ModOp;
import org.sedlab.probe.ProbeSet;
import org.sedlab.sed.CheckpointSeries;
import picocli.CommandLine.Option;

/** The options of every command that measures centroids on a run's checkpoints: which run, which probes. */
class ProbeOptions {
    @Option(names = "--run", required = true, description = "run directory (ours, or a folder of .npz state dicts)")
    Path run;
    @Option(names = "--op", description = "the op of a foreign single-task run without run.json")
    String op;
    @Option(names = "--n-probes", defaultValue = "1024", description = "probe pairs (default ${DEFAULT-VALUE})")
    int nProbes;
    @Option(names = "--probe-seed", defaultValue = "0", description = "seed of the probe set (default ${DEFAULT-VALUE})")
    long probeSeed;

    /** Checks the probe count, then opens the run (and checks its ops have that many distinct pairs). */
    CheckpointSeries open() {
        if (nProbes < 1) throw new IllegalArgumentException("--n-probes must be at least 1, got " + nProbes);
        CheckpointSeries series = CheckpointSeries.open(run, op == null ? null : ModOp.parse(op));
        for (ModOp measured : series.task().ops()) ProbeSet.checkSize(series.task(), measured, nProbes);
        return series;
    }
}
