package org.sedlab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.probe.CentroidKind;
import org.sedlab.report.Peak;
import org.sedlab.sed.AnalysisSettings;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.FisherLanczosEstimator;
import org.sedlab.sed.Progress;
import org.sedlab.sed.SedAnalysis;
import org.sedlab.sed.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Score SED estimators on a run at evenly spaced checkpoints.",
                "For each: R_1..R_k, R-bar, the random-baseline median and rank-90, written to series.csv and analysis.json.",
                "Defaults are the paper's."})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin CouplingOptions coupling;
    @Mixin FisherOptions fisher;
    @Option(names = "--estimators", defaultValue = "update,gradient", split = ",",
            description = "update, gradient, per-op-gradient, fisher-lanczos, random; the optimizer's stages momentum, scaled-gradient, adam-direction, adam-decay (a run trained with --save-optimizer-state) (default ${DEFAULT-VALUE})")
    String[] estimators;
    @Option(names = "--out", description = "output folder (default <run>/analysis)")
    Path out;
    @Option(names = "--W", defaultValue = "20", split = ",",
            description = "rolling window; several (1,2,5) score each against one random baseline (default ${DEFAULT-VALUE})")
    List<Integer> w;
    @Option(names = "--k", defaultValue = "3", description = "directions per basis (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--n-checkpoints", description = "evaluated checkpoints (default 40; multitask 30)")
    Integer nCheckpoints;
    @Option(names = "--window", defaultValue = "forward", description = "forward or trailing (default ${DEFAULT-VALUE})")
    String window;
    @Option(names = "--centroid", defaultValue = "simplified",
            description = "simplified (d z_y/d e_x, the paper's) or full (d(sum_c z_c)/d e_x) (default ${DEFAULT-VALUE})")
    String centroid;
    @Option(names = "--gradient-batch", defaultValue = "512", description = "pairs in the fixed gradient batch (default ${DEFAULT-VALUE})")
    int gradientBatch;
    @Option(names = "--batch-seed", description = "seed of the fixed gradient batch alone (default: --seed)")
    Long batchSeed;

    @Override
    public Integer call() {
        CentroidKind centroidKind = CentroidKind.parse(centroid);
        if (gradientBatch < 1) throw new IllegalArgumentException("--gradient-batch must be at least 1, got " + gradientBatch);
        CheckpointSeries series = coupling.open();
        int checkpoints = nCheckpoints != null ? nCheckpoints : series.task().isMultitask() ? 30 : 40;
        fisher.requireFisherLanczos(Arrays.asList(estimators).contains(FisherLanczosEstimator.NAME), "this analysis (--estimators)");
        AnalysisSettings.Builder builder = AnalysisSettings.defaults().estimators(Arrays.asList(estimators)).windows(w).k(k)
                .epsRel(coupling.epsRel).nProbes(coupling.nProbes).nRandom(coupling.nRandom).nCheckpoints(checkpoints).window(Window.parse(window))
                .probeSeed(coupling.probeSeed).seed(coupling.seed).gradientBatch(gradientBatch).centroid(centroidKind)
                .fisher(fisher.settings(coupling.seed));
        if (batchSeed != null) builder.batchSeed(batchSeed);
        AnalysisSettings settings = builder.build();
        Path dir = OutputPaths.directory(out != null ? out : coupling.run.resolve("analysis"), "--out");
        Table table = new SedAnalysis(series, settings, new Progress(System.out)).run(dir);
        System.out.println(ConsoleTables.print(table));
        for (Table group : table.splitOn("estimator", "W", "op").asTableList()) {
            String w = group.intColumn("W").isMissing(0) ? "" : " W=" + group.intColumn("W").get(0);
            String name = group.stringColumn("estimator").get(0) + w + " / " + group.stringColumn("op").get(0);
            // Rows without R (a window with no direction) are left out of the summary; analysis.json says why.
            Table rows = group.dropWhere(group.doubleColumn("Rbar").isMissing());
            if (rows.isEmpty()) {
                System.out.printf("%s: no R at any checkpoint (see rows_without_r in analysis.json)%n", name);
                continue;
            }
            Peak peak = Peak.of(rows, group.stringColumn("estimator").get(0), group.stringColumn("op").get(0), 0, settings.k());
            System.out.printf("%s: peak Rbar=%.2f at step %d, final Rbar=%.2f%s%n", name, peak.peak(), peak.peakStep(), peak.last(),
                    rows.rowCount() < group.rowCount() ? " (" + (group.rowCount() - rows.rowCount())
                            + " checkpoint(s) without R: see rows_without_r in analysis.json)" : "");
        }
        System.out.println("wrote " + dir.resolve("series.csv") + " and " + dir.resolve("analysis.json"));
        return 0;
    }
}
