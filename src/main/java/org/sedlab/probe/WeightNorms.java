package org.sedlab.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.Parameters;
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
    /** A group of weight matrices, by their PyTorch names; ALL is every parameter, biases and norms included. */
    public enum Group {
        ATTENTION("attention", n -> n.contains("self_attn.") && n.endsWith("weight")),
        MLP("mlp", n -> n.endsWith("linear1.weight") || n.endsWith("linear2.weight")),
        EMBEDDING("embedding", n -> n.equals("tok_emb.weight") || n.equals("pos_emb")),
        HEAD("head", n -> n.startsWith("head") && n.endsWith(".weight")),
        ALL("all", n -> true);

        private final String column;
        private final Predicate<String> member;

        Group(String column, Predicate<String> member) {
            this.column = column;
            this.member = member;
        }

        public String column() { return column; }

        public boolean contains(String parameter) { return member.test(parameter); }
    }

    private WeightNorms() {}

    /** One row per checkpoint: its step and each group's norm. */
    public static ResultTable of(Checkpoints run) {
        LongColumn step = LongColumn.create("step");
        Map<Group, DoubleColumn> norms = new LinkedHashMap<>();
        for (Group g : Group.values()) norms.put(g, DoubleColumn.create(g.column()));
        for (int i = 0; i < run.size(); i++) {
            Parameters p = run.load(i, DataType.FLOAT);
            step.append(run.step(i));
            for (Group g : Group.values()) norms.get(g).append(norm(p, g));
        }
        Table table = Table.create("weight norms: " + run.root(), step);
        norms.values().forEach(table::addColumns);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", run.root().toString());
        record.put("task", run.task().name());
        record.put("checkpoints", run.size());
        Map<String, Object> groups = new LinkedHashMap<>();
        ParameterLayout layout = run.size() == 0 ? null : run.load(0, DataType.FLOAT).layout();
        for (Group g : Group.values()) groups.put(g.column(), layout == null ? List.of() : members(layout, g));
        record.put("groups", groups);
        record.put("norm", "L2 norm of the group's values as one vector, summed in float64");
        return new ResultTable(table, record);
    }

    /** The norm of one group of a model's parameters. */
    public static double norm(Parameters p, Group group) {
        double sum = 0;
        for (ParameterLayout.Slot slot : p.layout().slots()) {
            if (!group.contains(slot.name())) continue;
            float[] values = p.view(slot.name()).dup().data().asFloat();
            for (float v : values) sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** The parameters a group holds, in the layout's order. */
    public static List<String> members(ParameterLayout layout, Group group) {
        return layout.slots().stream().map(ParameterLayout.Slot::name).filter(group::contains).toList();
    }
}
