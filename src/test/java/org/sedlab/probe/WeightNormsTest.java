package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.model.Architecture;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.Parameters;
import org.sedlab.model.WeightGroup;
import tech.tablesaw.api.Table;

/** Known answers: every value 1 (or 2) gives each group's norm as the square root of its size (times 2). */
class WeightNormsTest {
    private static final Task ADD = Task.single(ModOp.ADD, 11);

    @Test
    void eachGroupsNormIsTheRootOfItsSumOfSquares() {
        ParameterLayout layout = ParameterLayout.of(Architecture.forTask(ADD));
        Table norms = WeightNorms.of(new Constant(layout, 1f, 2f)).table();
        assertEquals(List.of(0L, 25L), norms.longColumn("step").asList());
        assertEquals(Math.sqrt(layout.attentionSize()), norms.doubleColumn("attention").get(0), 1e-9, "the attention space's size");
        assertEquals(2 * Math.sqrt(layout.size()), norms.doubleColumn("all").get(1), 1e-9);
        long head = layout.slot("head.weight").size();
        assertEquals(2 * Math.sqrt(head), norms.doubleColumn("head").get(1), 1e-9);
    }

    /** A run whose checkpoint i holds the value values[i] everywhere, 25 steps apart. */
    private record Constant(ParameterLayout layout, float... values) implements Checkpoints {
        @Override public Path root() { return Path.of("constant"); }
        @Override public Task task() { return ADD; }
        @Override public int size() { return values.length; }
        @Override public long step(int index) { return 25L * index; }
        @Override public Parameters load(int index, DataType dtype) {
            Parameters p = Parameters.zeros(layout, dtype);
            p.flat().assign(values[index]);
            return p;
        }
    }
}
