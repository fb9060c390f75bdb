package org.sedlab.cli;

import java.nio.file.Path;
import org.sedlab.data.ModOp;
import org.sedlab.probe.ProbeSet;
import org.sedlab.sed.CheckpointSeries;
import picocli.CommandLine.Option;

/** The options every coupling measurement shares: which run, and how R is measured (defaults: the paper's). */
final class CouplingOptions {
    @Option(names = "--run", required = true, description = "run directory (ours, or a folder of .npz state dicts)")
    Path run;
    @Option(names = "--op", description = "the op of a foreign single-task run without run.json")
    String op;
    @Option(names = "--eps-rel", defaultValue = "0.005", description = "eps / ||theta_attn|| (default ${DEFAULT-VALUE})")
    double epsRel;
    @Option(names = "--n-probes", defaultValue = "1024", description = "probe pairs (default ${DEFAULT-VALUE})")
    int nProbes;
    @Option(names = "--n-random", defaultValue = "20", description = "random directions (default ${DEFAULT-VALUE})")
    int nRandom;
    @Option(names = "--probe-seed", defaultValue = "0", description = "seed of the probe set (default ${DEFAULT-VALUE})")
    long probeSeed;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the gradient batch and random directions (default ${DEFAULT-VALUE})")
    long seed;

    /** Checks the measurement options, then opens the run. */
    CheckpointSeries open() {
        if (!(epsRel > 0)) throw new IllegalArgumentException("--eps-rel must be positive, got " + epsRel);
        if (nProbes < 1) throw new IllegalArgumentException("--n-probes must be at least 1, got " + nProbes);
        if (nRandom < 1) throw new IllegalArgumentException("--n-random must be at least 1, got " + nRandom);
        CheckpointSeries series = CheckpointSeries.open(run, op == null ? null : ModOp.parse(op));
        for (ModOp measured : series.task().ops()) ProbeSet.checkSize(series.task(), measured, nProbes);
        return series;
    }
}
