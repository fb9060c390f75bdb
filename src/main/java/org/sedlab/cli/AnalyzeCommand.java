package org.sedlab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.sedlab.data.ModOp;
import org.sedlab.sed.AnalysisSettings;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.Progress;
import org.sedlab.sed.SedAnalysis;
import org.sedlab.sed.Window;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Score SED estimators on a run: R_1..R_k, R-bar, random-baseline median and rank-90 at",
                "evenly spaced checkpoints. Writes series.csv and analysis.json. Defaults are the paper's."})
final class AnalyzeCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "run directory (ours, or a folder of .npz state dicts)")
    Path run;
    @Option(names = "--estimators", defaultValue = "update,gradient", split = ",",
            description = "update, gradient, per-op-gradient, random (default ${DEFAULT-VALUE})")
    String[] estimators;
    @Option(names = "--out", description = "output folder (default <run>/analysis)")
    Path out;
    @Option(names = "--op", description = "the op of a foreign single-task run without run.json")
    String op;
    @Option(names = "--W", defaultValue = "20", description = "rolling window (default ${DEFAULT-VALUE})")
    int w;
    @Option(names = "--k", defaultValue = "3", description = "directions per basis (default ${DEFAULT-VALUE})")
    int k;
    @Option(names = "--eps-rel", defaultValue = "0.005", description = "eps / ||theta_attn|| (default ${DEFAULT-VALUE})")
    double epsRel;
    @Option(names = "--n-probes", defaultValue = "1024", description = "probe pairs (default ${DEFAULT-VALUE})")
    int nProbes;
    @Option(names = "--n-random", defaultValue = "20", description = "random directions (default ${DEFAULT-VALUE})")
    int nRandom;
    @Option(names = "--n-checkpoints", description = "evaluated checkpoints (default 40; multitask 30)")
    Integer nCheckpoints;
    @Option(names = "--window", defaultValue = "forward", description = "forward or trailing (default ${DEFAULT-VALUE})")
    String window;
    @Option(names = "--probe-seed", defaultValue = "0", description = "seed of the probe set (default ${DEFAULT-VALUE})")
    long probeSeed;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the gradient batch and random directions (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        CheckpointSeries series = CheckpointSeries.open(run, op == null ? null : ModOp.parse(op));
        int checkpoints = nCheckpoints != null ? nCheckpoints : series.task().isMultitask() ? 30 : 40;
        AnalysisSettings settings = AnalysisSettings.defaults().estimators(Arrays.asList(estimators)).w(w).k(k)
                .epsRel(epsRel).nProbes(nProbes).nRandom(nRandom).nCheckpoints(checkpoints).window(Window.parse(window))
                .probeSeed(probeSeed).seed(seed).build();
        Path dir = out != null ? out : run.resolve("analysis");
        Table table = new SedAnalysis(series, settings, new Progress(System.out)).run(dir);
        System.out.println(table.printAll());
        for (String e : settings.estimators()) {
            for (String opName : table.stringColumn("op").unique().asList()) {
                Table rows = table.where(table.stringColumn("estimator").isEqualTo(e).and(table.stringColumn("op").isEqualTo(opName)));
                int peak = rows.doubleColumn("Rbar").indexOf(rows.doubleColumn("Rbar").max());
                System.out.printf("%s / %s: peak Rbar=%.2f at step %d, final Rbar=%.2f%n", e, opName,
                        rows.doubleColumn("Rbar").get(peak), rows.longColumn("step").get(peak),
                        rows.doubleColumn("Rbar").get(rows.rowCount() - 1));
            }
        }
        System.out.println("wrote " + dir.resolve("series.csv") + " and " + dir.resolve("analysis.json"));
        return 0;
    }
}
