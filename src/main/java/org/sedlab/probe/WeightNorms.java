package org.sedlab.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.model.Architecture;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.Parameters;
import org.sedlab.model.WeightGroup;
import org.sedlab.provenance.ResultTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The L2 norm of each group of a run's weights at every checkpoint, for the weight-norm account of
 * grokking (does a run grok when a norm falls through the same level, whatever the intervention?).
 * Read from the checkpoints rather than logged while training, so runs already trained and committed
 * get them without being trained again. Sums in float64 over the float32 values.
 */
public final class WeightNorms {
    private WeightNorms() {}

    /** One row per checkpoint: its step and each group's norm. */
    public static ResultTable of(Checkpoints run) {
        LongColumn step = LongColumn.create("step");
        Map<WeightGroup, DoubleColumn> norms = new LinkedHashMap<>();
        ParameterLayout layout = ParameterLayout.of(Architecture.forTask(run.task()));
        Map<WeightGroup, WeightGroup.Slice> slices = new LinkedHashMap<>();
        for (WeightGroup g : WeightGroup.values()) {
            norms.put(g, DoubleColumn.create(g.word()));
            slices.put(g, g.slice(layout));
        }
        for (int i = 0; i < run.size(); i++) {
            Parameters p = run.load(i, DataType.FLOAT);
            step.append(run.step(i));
            for (WeightGroup g : WeightGroup.values()) norms.get(g).append(norm(p, slices.get(g)));
        }
        Table table = Table.create("weight norms: " + run.root(), step);
        norms.values().forEach(table::addColumns);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.root().toString());
        record.put("task", run.task().name());
        record.put("checkpoints", run.size());
        Map<String, Object> groups = new LinkedHashMap<>();
        for (WeightGroup g : WeightGroup.values()) groups.put(g.word(), g.members(layout));
        record.put("groups", groups);
        record.put("norm", "L2 norm of the group's values as one vector, summed in float64");
        return new ResultTable(table, record);
    }

    /** The norm of one group of a model's parameters. */
    public static double norm(Parameters p, WeightGroup.Slice group) {
        double sum = 0;
        for (float v : group.gather(p.flat()).dup().data().asFloat()) sum += (double) v * v;
        return Math.sqrt(sum);
    }
}
