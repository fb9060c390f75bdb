package org.sedlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.sedlab.data.ModOp;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.FisherLanczosEstimator;
import org.sedlab.sed.FisherSettings;
import org.sedlab.sed.PerExampleDirections;
import org.sedlab.sed.PerExampleDirections.Estimator;
import org.sedlab.sed.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "per-example", mixinStandardHelpOptions = true,
        description = {"Per-example gradient directions (the paper's Table 3) at chosen checkpoints.",
                "For each: R of the mean gradient, R of the top-k centred per-example directions, and their cosines to the mean gradient.",
                "--estimator fisher-lanczos finds the directions matrix-free by Lanczos and adds their eigenvalues and the products spent.",
                "--against-exact also computes the exact SVD on the same batch and how far the two agree."})
final class PerExampleCommand implements Callable<Integer> {
    private static final String EXACT = "exact";

    @Mixin CouplingOptions coupling;
    @Mixin FisherOptions fisher;
    @Option(names = "--steps", split = ",", description = "checkpoint steps (default: first, middle and last checkpoint)")
    long[] steps;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/per-example.csv)")
    Path out;
    @Option(names = "--batch", defaultValue = "512", description = "examples (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--k", defaultValue = "3", description = "directions (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--estimator", defaultValue = EXACT, description = "exact (the materialised SVD) or fisher-lanczos (default ${DEFAULT-VALUE})")
    String estimator;
    @Option(names = "--against-exact", description = "with fisher-lanczos: also the exact SVD on the same batch, and the principal angles between the two")
    boolean againstExact;

    @Override
    public Integer call() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        if (k < 1 || k > batch) throw new IllegalArgumentException("--k must lie in [1, --batch=" + batch + "], got " + k);
        Estimator chosen = switch (estimator) {
            case EXACT -> Estimator.EXACT;
            case FisherLanczosEstimator.NAME -> Estimator.FISHER_LANCZOS;
            default -> throw new IllegalArgumentException("--estimator must be exact or fisher-lanczos, got '" + estimator + "'");
        };
        if (againstExact && chosen != Estimator.FISHER_LANCZOS) throw new IllegalArgumentException("--against-exact goes with --estimator fisher-lanczos");
        fisher.requireFisherLanczos(chosen == Estimator.FISHER_LANCZOS, "--estimator exact");
        FisherSettings fisherSettings = fisher.settings(coupling.seed);
        CheckpointSeries series = coupling.open();
        PerExampleDirections.Settings settings = PerExampleDirections.Settings.defaults()
                .op(coupling.op != null ? ModOp.parse(coupling.op) : null)
                .steps(steps != null ? LongStream.of(steps).boxed().toList() : List.of())
                .batch(batch).k(k).estimator(chosen).againstExact(againstExact).fisher(fisherSettings)
                .nProbes(coupling.nProbes).probeSeed(coupling.probeSeed).epsRel(coupling.epsRel).nRandom(coupling.nRandom).seed(coupling.seed)
                .build();
        PerExampleDirections directions = new PerExampleDirections(series, settings, new Progress(System.out));
        Path file = OutputPaths.file(out != null ? out : coupling.run.resolve("analysis").resolve("per-example.csv"), "--out");
        ConsoleTables.publish(file, directions.run());
        return 0;
    }
}
