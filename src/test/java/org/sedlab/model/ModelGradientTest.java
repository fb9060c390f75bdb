package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;

/** The SameDiff model's gradients against central finite differences, in float64. */
class ModelGradientTest {
    private static final double H = 1e-6;
    private static GrokTransformer model;
    private static Batch batch;

    @BeforeAll
    static void setUp() {
        Task task = Task.single(ModOp.ADD, 11);
        model = GrokTransformer.initialised(task, 7, DataType.DOUBLE);
        // Repeated tokens (a == b and repeated pairs) are where a gather-based embedding goes wrong.
        batch = Batch.of(task, new Pairs(new int[]{3, 5, 5, 0, 10, 3}, new int[]{3, 1, 5, 9, 10, 3}));
    }

    @Test
    void everyParameterGroupMatchesFiniteDifferences() {
        Parameters params = model.parameters();
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, params.layout().size());
        model.lossAndGradient(batch, Objective.crossEntropy(), grad);
        SplittableRandom rng = new SplittableRandom(1);
        for (ParameterLayout.Slot slot : params.layout().slots()) {
            for (int trial = 0; trial < 3; trial++) {
                long i = slot.offset() + rng.nextLong(slot.size());
                double numeric = centralDifference(params.flat(), i, () -> model.loss(batch, Objective.crossEntropy()));
                double analytic = grad.getDouble(i);
                assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric),
                        slot.name() + " coordinate " + (i - slot.offset()));
            }
        }
    }

    @Test
    void centroidIsGradientOfTargetLogitWithRespectToEmbeddedInput() {
        // For one probe, d z_y / d pos_emb equals d z_y / d e_x, because pos_emb enters e_x once.
        Task task = model.task();
        Pairs probe = new Pairs(new int[]{4}, new int[]{4});
        int[] label = probe.labels(ModOp.ADD, task.p());
        INDArray centroid = model.centroids(probe, label, 0);
        assertEquals(1, centroid.rows());
        assertEquals(256, centroid.columns());
        Batch one = Batch.of(task, probe);
        ParameterLayout.Slot pos = model.parameters().layout().slot("pos_emb");
        for (int j = 0; j < 256; j += 17) {
            double numeric = centralDifference(model.parameters().flat(), pos.offset() + j,
                    () -> model.loss(one, Objective.targetLogit(0)));
            assertEquals(numeric, centroid.getDouble(0, j), 1e-6 + 1e-6 * Math.abs(numeric), "centroid coordinate " + j);
        }
    }

    @Test
    void batchedCentroidsEqualPerProbeCentroids() {
        Pairs probes = batch.pairs();
        int[] labels = batch.labels()[0];
        INDArray together = model.centroids(probes, labels, 0);
        for (int i = 0; i < probes.size(); i++) {
            Pairs one = probes.select(new int[]{i});
            INDArray alone = model.centroids(one, new int[]{labels[i]}, 0);
            assertTrue(alone.getRow(0).equalsWithEps(together.getRow(i), 1e-12), "probe " + i);
        }
    }

    private static double centralDifference(INDArray flat, long i, java.util.function.DoubleSupplier f) {
        double original = flat.getDouble(i);
        flat.putScalar(i, original + H);
        double plus = f.getAsDouble();
        flat.putScalar(i, original - H);
        double minus = f.getAsDouble();
        flat.putScalar(i, original);
        return (plus - minus) / (2 * H);
    }
}
