package org.sedlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sedlab.probe.SimplifiedVsFullCentroid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compare-centroids", mixinStandardHelpOptions = true,
        description = {"Compare the simplified centroid (d z_y/d e_x) with the full one (d(sum_c z_c)/d e_x) on the same probes.",
                "Checkpoints: the first, middle and last (indices 0, n/2, n-1, as the author's comparison).",
                "Scores: rank-90 of each, mean per-probe cosine, top-1 principal-axis |cosine|, top-3 subspace scores, axis ratios."})
final class CompareCentroidsCommand implements Callable<Integer> {
    @Mixin ProbeOptions probe;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/centroids.csv)")
    Path out;

    @Override
    public Integer call() {
        SimplifiedVsFullCentroid comparison = new SimplifiedVsFullCentroid(probe.open(),
                new SimplifiedVsFullCentroid.Settings(probe.nProbes, probe.probeSeed));
        Path file = OutputPaths.file(out != null ? out : probe.run.resolve("analysis").resolve("centroids.csv"), "--out");
        ConsoleTables.publish(file, comparison.compare());
        return 0;
    }
}
