package org.sedlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ResultRecord;
import org.sedlab.io.TableFiles;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.PerExampleGradientSvd;
import org.sedlab.sed.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

@Command(name = "per-example", mixinStandardHelpOptions = true,
        description = {"Per-example gradient SVD (the paper's Table 3) at chosen checkpoints.",
                "For each: R of the mean gradient, R of the top-k centred per-example directions, and their cosines to the mean gradient."})
final class PerExampleCommand implements Callable<Integer> {
    @Mixin CouplingOptions coupling;
    @Option(names = "--steps", split = ",", description = "checkpoint steps (default: first, middle and last checkpoint)")
    long[] steps;
    @Option(names = "--out", description = "output CSV (default <run>/analysis/per-example.csv)")
    Path out;
    @Option(names = "--batch", defaultValue = "512", description = "examples (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--k", defaultValue = "3", description = "directions (default ${DEFAULT-VALUE})")
    int k;

    @Override
    public Integer call() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        if (k < 1 || k > batch) throw new IllegalArgumentException("--k must lie in [1, --batch=" + batch + "], got " + k);
        CheckpointSeries series = coupling.open();
        ModOp which = coupling.op != null ? ModOp.parse(coupling.op) : series.task().ops().get(0);
        long[] chosen = steps != null ? steps
                : new long[]{series.step(0), series.step(series.size() / 2), series.step(series.size() - 1)};
        for (long s : chosen) {
            if (!series.steps().contains(s)) throw new IllegalArgumentException("the run has no checkpoint at step " + s
                    + "; steps run from " + series.step(0) + " to " + series.step(series.size() - 1));
        }
        Path file = OutputPaths.file(out != null ? out : coupling.run.resolve("analysis").resolve("per-example.csv"), "--out");
        GrokTransformer model = new GrokTransformer(series.task(), series.load(0, DataType.FLOAT));
        ProbeSet probes = ProbeSet.draw(series.task(), which, coupling.nProbes, coupling.probeSeed);
        LongColumn step = LongColumn.create("step");
        DoubleColumn meanR = DoubleColumn.create("R_mean_gradient");
        DoubleColumn[] r = new DoubleColumn[k];
        DoubleColumn[] cos = new DoubleColumn[k];
        for (int i = 0; i < k; i++) {
            r[i] = DoubleColumn.create("R" + (i + 1));
            cos[i] = DoubleColumn.create("cos" + (i + 1));
        }
        for (long s : chosen) {
            series.loadInto(series.steps().indexOf(s), model);
            PerExampleGradientSvd.Result res = PerExampleGradientSvd.at(model, s, which, batch, k, probes, coupling.epsRel,
                    coupling.nRandom, coupling.seed, new Progress(System.out));
            step.append(s);
            meanR.append(res.meanGradientR());
            for (int i = 0; i < k; i++) {
                if (i < res.directionR().length) {
                    r[i].append(res.directionR()[i]);
                    cos[i].append(res.cosineToMean()[i]);
                } else {
                    r[i].appendMissing();
                    cos[i].appendMissing();
                }
            }
        }
        Table table = Table.create("per-example gradient SVD: " + coupling.run, step, meanR);
        table.addColumns(r);
        table.addColumns(cos);
        TableFiles.writeCsv(table, file);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", coupling.run.toString());
        record.put("task", series.task().name());
        record.put("op", which.id());
        record.put("steps", chosen);
        record.put("settings", Map.of("batch", batch, "k", k, "n_probes", coupling.nProbes, "n_random",
                coupling.nRandom, "eps_rel", coupling.epsRel, "seed", coupling.seed, "probe_seed", coupling.probeSeed));
        record.put("centred", true);
        Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        ResultRecord.write(json, record);
        System.out.println(ConsoleTables.print(table));
        System.out.println("wrote " + file + " and " + json);
        return 0;
    }
}
