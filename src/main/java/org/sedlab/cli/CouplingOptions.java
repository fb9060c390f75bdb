package org.sedlab.cli;

import org.sedlab.sed.CheckpointSeries;
import picocli.CommandLine.Option;

/** The options every coupling measurement shares: the run and probes, and how R is measured (defaults: the paper's). */
final class CouplingOptions extends ProbeOptions {
    @Option(names = "--eps-rel", defaultValue = "0.005", description = "eps / ||theta_attn|| (default ${DEFAULT-VALUE})")
    double epsRel;
    @Option(names = "--n-random", defaultValue = "20", description = "random directions (default ${DEFAULT-VALUE})")
    int nRandom;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the gradient batch and random directions (default ${DEFAULT-VALUE})")
    long seed;

    /** Checks the measurement options, then opens the run. */
    @Override
    CheckpointSeries open() {
        if (!(epsRel > 0)) throw new IllegalArgumentException("--eps-rel must be positive, got " + epsRel);
        if (nRandom < 1) throw new IllegalArgumentException("--n-random must be at least 1, got " + nRandom);
        return super.open();
    }
}
