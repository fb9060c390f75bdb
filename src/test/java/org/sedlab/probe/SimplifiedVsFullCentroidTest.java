package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Parameters;
import org.sedlab.provenance.ResultTable;
import tech.tablesaw.api.Table;

class SimplifiedVsFullCentroidTest {
    private static final SimplifiedVsFullCentroid.Settings SETTINGS = new SimplifiedVsFullCentroid.Settings(24, 3);

    /** Checkpoints held in memory: step 10 i is the model initialised with seed i. */
    private record InMemory(Task task, int size) implements Checkpoints {
        @Override public Path root() { return Path.of("runs", "in-memory"); }

        @Override public long step(int index) { return 10L * index; }

        @Override public Parameters load(int index, DataType dtype) {
            return GrokTransformer.initialised(task, index, dtype).parameters();
        }
    }

    @Test
    void eachRowIsTheComparisonAtTheFirstMiddleAndLastCheckpoint() {
        Task task = Task.single(ModOp.SUB, 11);
        InMemory run = new InMemory(task, 5);
        ResultTable result = new SimplifiedVsFullCentroid(run, SETTINGS).compare();
        Table t = result.table();
        assertEquals(List.of(0, 2, 4), t.intColumn("checkpoint_index").asList());
        assertEquals(List.of(0L, 20L, 40L), t.longColumn("step").asList());
        ProbeSet probes = ProbeSet.draw(task, ModOp.SUB, 24, 3);
        for (int row = 0; row < 3; row++) {
            GrokTransformer model = new GrokTransformer(task, run.load(t.intColumn("checkpoint_index").get(row), DataType.FLOAT));
            CentroidComparison c = CentroidComparison.of(probes.centroids(model, CentroidKind.SIMPLIFIED), probes.centroids(model, CentroidKind.FULL));
            assertEquals(c.rank90First(), t.intColumn("rank90_simplified").get(row));
            assertEquals(c.rank90Second(), t.intColumn("rank90_full").get(row));
            assertEquals(c.meanCosine(), t.doubleColumn("mean_cosine").get(row));
            assertEquals(c.top3PrincipalAngleCosine(), t.doubleColumn("top3_principal_angle_cosine").get(row));
            assertEquals(c.axisRatioSecond(), t.doubleColumn("axis_ratio_full").get(row));
        }
        assertEquals(List.of(0, 2, 4), result.record().get("checkpoint_indices"));
        assertEquals(5, result.record().get("checkpoints_in_run"));
        assertEquals(CentroidKind.FULL.description(), result.record().get("second"));
        assertTrue(t.name().endsWith(run.root().toString()), t.name());
    }

    @Test
    void aMultitaskRunIsRefusedBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimplifiedVsFullCentroid(new InMemory(Task.multitask(11), 3), SETTINGS));
        assertTrue(e.getMessage().contains("takes a single-task run"), e.getMessage());
    }
}
