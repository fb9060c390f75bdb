package org.sedlab.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.GrokTransformer;
import org.sedlab.provenance.ResultTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What {@code sedlab compare-centroids} computes: the simplified centroid against the full one
 * ({@link CentroidComparison}) on the same probes of a single-task run, at its first, middle and last
 * checkpoint (indices 0, n/2, n-1, as the author's comparison).
 */
public final class SimplifiedVsFullCentroid {
    /** The probes: how many pairs of the run's op, and the seed they are drawn with. */
    public record Settings(int nProbes, long probeSeed) {}

    private final Checkpoints run;
    private final Settings settings;

    /** Checks that the run is single-task; the work is {@link #compare()}'s. */
    public SimplifiedVsFullCentroid(Checkpoints run, Settings settings) {
        if (run.task().isMultitask()) {
            throw new IllegalArgumentException("compare-centroids takes a single-task run; " + run.root() + " is multitask");
        }
        this.run = run;
        this.settings = settings;
    }

    /** One row per compared checkpoint; the record names the run, the checkpoints and what each score means. */
    public ResultTable compare() {
        ModOp op = run.task().ops().get(0);
        int n = run.size();
        List<Integer> indices = List.of(0, n / 2, n - 1);
        GrokTransformer model = new GrokTransformer(run.task(), run.load(0, DataType.FLOAT));
        ProbeSet probes = ProbeSet.draw(run.task(), op, settings.nProbes(), settings.probeSeed());
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
            run.loadInto(i, model);
            CentroidComparison c = CentroidComparison.of(probes.centroids(model, CentroidKind.SIMPLIFIED), probes.centroids(model, CentroidKind.FULL));
            index.append(i);
            step.append(run.step(i));
            rankSimplified.append(c.rank90First());
            rankFull.append(c.rank90Second());
            meanCosine.append(c.meanCosine());
            top1.append(c.top1Cosine());
            top3Absolute.append(c.top3AbsoluteOverlap());
            top3Angles.append(c.top3PrincipalAngleCosine());
            ratioSimplified.append(c.axisRatioFirst());
            ratioFull.append(c.axisRatioSecond());
        }
        Table table = Table.create("simplified vs full centroid: " + run.root(), index, step, rankSimplified, rankFull, meanCosine, top1,
                top3Absolute, top3Angles, ratioSimplified, ratioFull);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.root().toString());
        record.put("task", run.task().name());
        record.put("checkpoints_in_run", n);
        record.put("checkpoint_indices", indices);
        record.put("settings", Map.of("n_probes", settings.nProbes(), "probe_seed", settings.probeSeed()));
        record.put("first", CentroidKind.SIMPLIFIED.description());
        record.put("second", CentroidKind.FULL.description());
        record.put("top3_absolute_overlap", "mean singular value of the element-wise |V1 V2^T| (the author's score)");
        record.put("top3_principal_angle_cosine", "mean singular value of V1 V2^T: mean cosine of the principal angles");
        record.put("axis_ratio", "lambda_2 / lambda_1 of the centred matrix's scatter: near 1, the first principal axis is not defined");
        return new ResultTable(table, record);
    }
}
