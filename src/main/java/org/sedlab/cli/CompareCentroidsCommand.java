package org.sedlab.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.io.TableFiles;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.CentroidComparison;
import org.sedlab.probe.CentroidKind;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ResultRecord;
import org.sedlab.sed.CheckpointSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

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
        CheckpointSeries series = probe.open();
        Path run = probe.run;
        if (series.task().isMultitask()) throw new IllegalArgumentException("compare-centroids takes a single-task run; " + run + " is multitask");
        ModOp which = series.task().ops().get(0);
        Path file = OutputPaths.file(out != null ? out : run.resolve("analysis").resolve("centroids.csv"), "--out");
        int n = series.size();
        List<Integer> indices = List.of(0, n / 2, n - 1);
        GrokTransformer model = new GrokTransformer(series.task(), series.load(0, DataType.FLOAT));
        ProbeSet probes = ProbeSet.draw(series.task(), which, probe.nProbes, probe.probeSeed);
        IntColumn index = IntColumn.create("checkpoint_index");
        LongColumn step = LongColumn.create("step");
        IntColumn rankSimplified = IntColumn.create("rank90_simplified");
        IntColumn rankFull = IntColumn.create("rank90_full");
        DoubleColumn meanCosine = DoubleColumn.create("mean_cosine");
        DoubleColumn top1 = DoubleColumn.create("top1_cosine");
        DoubleColumn top3Absolute = DoubleColumn.create("top3_absolute_overlap");
        DoubleColumn top3Angles = DoubleColumn.create("top3_principal_angle_cosine");
        DoubleColumn ratioSimplified = DoubleColumn.create("axis_ratio_simplified");
        DoubleColumn ratioFull = DoubleColumn.create("axis_ratio_full");
        for (int i : indices) {
            series.loadInto(i, model);
            CentroidComparison c = CentroidComparison.of(probes.centroids(model, CentroidKind.SIMPLIFIED), probes.centroids(model, CentroidKind.FULL));
            index.append(i);
            step.append(series.step(i));
            rankSimplified.append(c.rank90First());
            rankFull.append(c.rank90Second());
            meanCosine.append(c.meanCosine());
            top1.append(c.top1Cosine());
            top3Absolute.append(c.top3AbsoluteOverlap());
            top3Angles.append(c.top3PrincipalAngleCosine());
            ratioSimplified.append(c.axisRatioFirst());
            ratioFull.append(c.axisRatioSecond());
        }
        Table table = Table.create("simplified vs full centroid: " + run, index, step, rankSimplified, rankFull, meanCosine, top1,
                top3Absolute, top3Angles, ratioSimplified, ratioFull);
        TableFiles.writeCsv(table, file);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.toString());
        record.put("task", series.task().name());
        record.put("checkpoints_in_run", n);
        record.put("checkpoint_indices", indices);
        record.put("settings", Map.of("n_probes", probe.nProbes, "probe_seed", probe.probeSeed));
        record.put("first", CentroidKind.SIMPLIFIED.description());
        record.put("second", CentroidKind.FULL.description());
        record.put("top3_absolute_overlap", "mean singular value of the element-wise |V1 V2^T| (the author's score)");
        record.put("top3_principal_angle_cosine", "mean singular value of V1 V2^T: mean cosine of the principal angles");
        record.put("axis_ratio", "lambda_2 / lambda_1 of the centred matrix's scatter: near 1, the first principal axis is not defined");
        Path json = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        ResultRecord.write(json, record);
        System.out.println(ConsoleTables.print(table));
        System.out.println("wrote " + file + " and " + json);
        return 0;
    }
}
