package org.sedlab.model;

import org.sedlab.linalg.Blas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.data.Task;

/**
 * The float32 kernel engine against the SameDiff graph run in float64 on the same weights (the graph's
 * own gradients are checked against finite differences in {@link ModelGradientTest}).
 */
class KernelPassesTest {
    private static final double TOLERANCE = 2e-5;

    /** A float model moved off its initialisation (LayerNorm gains away from 1), and its float64 reference. */
    private static GrokTransformer[] models(Task task, long seed) {
        GrokTransformer kernel = GrokTransformer.initialised(task, seed, DataType.FLOAT).withEngine(Engine.KERNEL);
        INDArray flat = kernel.parameters().flat();
        flat.addi(Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[]{flat.length()})
                .castTo(DataType.FLOAT).muli(0.05));
        GrokTransformer reference = new GrokTransformer(task, kernel.parameters().copy(DataType.DOUBLE), Engine.SAMEDIFF);
        return new GrokTransformer[]{kernel, reference};
    }

    private static Pairs pairs(int p, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextInt(p);
            b[i] = i % 7 == 0 ? a[i] : rng.nextInt(p); // some a == b: both positions hit one embedding row
        }
        return new Pairs(a, b);
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(-1);
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(-1);
        double error = e.sub(a).norm2Number().doubleValue() / Math.max(1e-30, e.norm2Number().doubleValue());
        assertTrue(error < TOLERANCE, what + ": relative error " + error);
    }

    private static void assertSameGradient(GrokTransformer[] m, Batch batch, Objective objective) {
        ParameterLayout layout = m[0].parameters().layout();
        INDArray ours = Nd4j.zeros(DataType.FLOAT, layout.size()).addi(3); // stale values must be overwritten
        INDArray reference = Nd4j.zeros(DataType.DOUBLE, layout.size());
        double lossOurs = m[0].lossAndGradient(batch, objective, ours);
        double lossReference = m[1].lossAndGradient(batch, objective, reference);
        assertEquals(lossReference, lossOurs, 1e-5 * Math.max(1, Math.abs(lossReference)), objective + " value");
        assertEquals(lossReference, m[0].loss(batch, objective), 1e-5 * Math.max(1, Math.abs(lossReference)), objective + " loss()");
        assertSameSlots(layout, reference, ours, objective.toString());
    }

    /** The weighted backward pass with signed caller weights, kernel against the float64 graph. */
    private static void assertSameWeightedGradient(GrokTransformer[] m, Batch batch, Objective objective, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] weights = new double[batch.size()];
        for (int i = 0; i < weights.length; i++) weights[i] = rng.nextGaussian() / weights.length;
        ParameterLayout layout = m[0].parameters().layout();
        INDArray ours = Nd4j.zeros(DataType.FLOAT, layout.size()).addi(3);
        INDArray reference = Nd4j.zeros(DataType.DOUBLE, layout.size());
        double valueOurs = m[0].weightedLossAndGradient(batch, objective, weights, ours);
        double valueReference = m[1].weightedLossAndGradient(batch, objective, weights, reference);
        assertEquals(valueReference, valueOurs, 1e-5 * Math.max(1, Math.abs(valueReference)), objective + " weighted value");
        assertSameSlots(layout, reference, ours, objective + " weighted");
    }

    private static void assertSameSlots(ParameterLayout layout, INDArray reference, INDArray ours, String objective) {
        Parameters o = new Parameters(layout, ours);
        Parameters r = new Parameters(layout, reference);
        for (ParameterLayout.Slot slot : layout.slots()) {
            if (r.view(slot.name()).norm2Number().doubleValue() == 0) {
                assertEquals(0.0, o.view(slot.name()).norm2Number().doubleValue(), slot.name() + " has no gradient under " + objective);
            } else {
                assertClose(r.view(slot.name()), o.view(slot.name()), objective + " d/d " + slot.name());
            }
        }
    }

    @Test
    void singleTaskPassesMatchTheGraph() {
        Task task = Task.single(ModOp.ADD, 97);
        GrokTransformer[] m = models(task, 3);
        Batch batch = Batch.of(task, pairs(97, 200, 1));
        assertClose(m[1].logits(batch.pairs(), 0), m[0].logits(batch.pairs(), 0), "logits");
        assertSameGradient(m, batch, Objective.crossEntropy());
        assertSameGradient(m, batch, Objective.targetLogit(0));
        int[] labels = batch.labels()[0];
        assertClose(m[1].centroids(batch.pairs(), labels, 0), m[0].centroids(batch.pairs(), labels, 0), "centroids");
        assertClose(m[1].fullCentroids(batch.pairs(), 0), m[0].fullCentroids(batch.pairs(), 0), "full centroids");
        assertSameWeightedGradient(m, batch, Objective.crossEntropy(0), 11);
        assertSameWeightedGradient(m, batch, Objective.targetLogit(0), 12);
        assertClose(m[1].exampleLogitGradients(batch, Objective.crossEntropy(0))[0],
                m[0].exampleLogitGradients(batch, Objective.crossEntropy(0))[0], "per-example logit gradients");
    }

    @Test
    void aOneHotWeightingIsThatExamplesOwnGradient() {
        Task task = Task.single(ModOp.ADD, 31);
        GrokTransformer model = models(task, 4)[0];
        Batch batch = Batch.of(task, pairs(31, 40, 6));
        ParameterLayout layout = model.parameters().layout();
        double[] weights = new double[batch.size()];
        weights[17] = 1;
        INDArray weighted = Nd4j.zeros(DataType.FLOAT, layout.size());
        INDArray alone = Nd4j.zeros(DataType.FLOAT, layout.size());
        double value = model.weightedLossAndGradient(batch, Objective.crossEntropy(0), weights, weighted);
        double single = model.lossAndGradient(Batch.of(task, batch.pairs().select(new int[]{17})), Objective.crossEntropy(0), alone);
        assertEquals(single, value, 1e-6 * Math.abs(single), "example 17's loss");
        assertClose(alone, weighted, "example 17's gradient");
    }

    @Test
    void multitaskHeadsMatchTheGraph() {
        Task task = Task.multitask(23);
        GrokTransformer[] m = models(task, 5);
        Batch batch = Batch.of(task, pairs(23, 64, 2));
        assertSameGradient(m, batch, Objective.crossEntropy());
        assertSameGradient(m, batch, Objective.crossEntropy(2)); // the other heads get exactly zero
        assertSameWeightedGradient(m, batch, Objective.crossEntropy(1), 13);
        assertSameWeightedGradient(m, batch, Objective.crossEntropy(), 14);
        INDArray[] ours = m[0].allLogits(batch.pairs());
        INDArray[] reference = m[1].allLogits(batch.pairs());
        for (int h = 0; h < ours.length; h++) assertClose(reference[h], ours[h], "logits of head " + h);
        int[] labels = batch.labels()[1];
        assertClose(m[1].centroids(batch.pairs(), labels, 1), m[0].centroids(batch.pairs(), labels, 1), "centroids of head 1");
    }

    @Test
    void evaluationInChunksAndAfterALargerBatchMatchesTheGraph() {
        Task task = Task.single(ModOp.MUL, 97);
        GrokTransformer[] m = models(task, 9);
        Pairs many = pairs(97, 2500, 3); // three forward chunks
        assertClose(m[1].logits(many, 0), m[0].logits(many, 0), "chunked logits");
        Pairs few = pairs(97, 5, 4); // a smaller pass reuses the larger workspace
        assertClose(m[1].logits(few, 0), m[0].logits(few, 0), "logits after a larger pass");
        Pairs probes = pairs(97, 1100, 5); // centroids go in chunks of 512: three
        int[] labels = new int[probes.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = ModOp.MUL.apply(probes.a(i), probes.b(i), 97);
        assertClose(m[1].centroids(probes, labels, 0), m[0].centroids(probes, labels, 0), "chunked centroids");
        assertClose(m[1].fullCentroids(probes, 0), m[0].fullCentroids(probes, 0), "chunked full centroids");
    }

    @Test
    void kernelSeesParameterUpdatesWrittenIntoTheFlatVector() {
        Task task = Task.single(ModOp.SUB, 31);
        GrokTransformer kernel = GrokTransformer.initialised(task, 2, DataType.FLOAT).withEngine(Engine.KERNEL);
        Pairs x = pairs(31, 10, 5);
        INDArray before = kernel.logits(x, 0).dup();
        kernel.parameters().view("head.bias").addi(1);
        assertClose(before.add(1), kernel.logits(x, 0), "logits after the head bias moved by 1");
    }

    @Test
    void geluAndItsSlopeAreExactToFloatPrecision() {
        int n = 24001;
        FloatBuffer u = Blas.allocate(n);
        FloatBuffer slope = Blas.allocate(n);
        for (int j = 0; j < n; j++) u.put(j, (float) (-12 + j * 0.001));
        ExactGelu.apply(u, slope, n);
        for (int j = 0; j < n; j++) {
            double x = (float) (-12 + j * 0.001);
            double cdf = 0.5 * Erf.erfc(-x / Math.sqrt(2));
            double gelu = x * cdf;
            double dGelu = cdf + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            // Two float32 roundings of the value, or 2e-9 where it crosses zero (gelu' near u = -0.75).
            assertEquals(gelu, u.get(j), 2e-9 + 2.4e-7 * Math.abs(gelu), "gelu(" + x + ")");
            assertEquals(dGelu, slope.get(j), 2e-9 + 2.4e-7 * Math.abs(dGelu), "gelu'(" + x + ")");
        }
        u.put(0, Float.NaN);
        ExactGelu.apply(u, slope, 1);
        assertTrue(Float.isNaN(u.get(0)) && Float.isNaN(slope.get(0)), "NaN stays NaN");
    }

    @Test
    void theKernelRefusesOtherPrecisionsAndUnknownEnginesAreNamed() {
        Task task = Task.single(ModOp.ADD, 7);
        GrokTransformer model = GrokTransformer.initialised(task, 1, DataType.DOUBLE);
        assertEquals(Engine.SAMEDIFF, model.engine());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.withEngine(Engine.KERNEL));
        assertTrue(e.getMessage().contains("samediff engine"), e.getMessage());
        System.setProperty(Engine.PROPERTY, "fast");
        try {
            e = assertThrows(IllegalArgumentException.class, Engine::configured);
            assertTrue(e.getMessage().contains("unknown engine 'fast': choose kernel or samediff"), e.getMessage());
            assertTrue(e.getMessage().contains(Engine.VARIABLE), e.getMessage());
        } finally {
            System.clearProperty(Engine.PROPERTY);
        }
    }
}
