package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.Parameters;
import org.sedlab.data.RandomStreams;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;

class CouplingTest {
    private static final Task TASK = Task.single(ModOp.ADD, 13);
    private static GrokTransformer model;
    private static ProbeSet probes;

    @BeforeAll
    static void setUp() {
        model = GrokTransformer.initialised(TASK, 3, DataType.DOUBLE);
        model.parameters().flat().addi(Nd4j.randn(DataType.DOUBLE, model.parameters().layout().size()).muli(0.02));
        probes = ProbeSet.draw(TASK, ModOp.ADD, 64, 1);
    }

    private static INDArray randomDirection(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[(int) model.parameters().layout().attentionSize()];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return Nd4j.createFromArray(v);
    }

    @Test
    void centralDifferenceMatchesTheDirectionalDerivativeOfTheCentroidMap() {
        INDArray v = randomDirection(1);
        v.divi(v.norm2Number());
        // Directional derivative of mu along v by a tiny float64 step: the quantity A estimates.
        double h = 1e-6;
        INDArray attention = model.parameters().attention();
        INDArray saved = attention.dup();
        attention.addi(v.mul(h));
        INDArray plus = probes.centroids(model);
        attention.assign(saved).subi(v.mul(h));
        INDArray minus = probes.centroids(model);
        attention.assign(saved);
        INDArray jv = plus.sub(minus).divi(2 * h);
        double expected = jv.mul(jv).sum(1).meanNumber().doubleValue();

        double small = new Coupling(model, probes, 1e-5).response(v);
        double smaller = new Coupling(model, probes, 1e-6).response(v);
        assertEquals(expected, small, 1e-6 * expected);
        assertEquals(small, smaller, 1e-6 * small, "A settles as eps shrinks: the difference quotient is linear in eps");
        double paper = new Coupling(model, probes, Coupling.DEFAULT_EPS_REL).response(v);
        assertEquals(expected, paper, 0.2 * expected, "at eps_rel = 0.005 A stays close to the derivative");
    }

    @Test
    void perturbAndRestoreLeavesWeightsBitIdentical() {
        INDArray before = model.parameters().flat().dup();
        Coupling coupling = new Coupling(model, probes, Coupling.DEFAULT_EPS_REL);
        coupling.response(randomDirection(2));
        coupling.randomBaseline(2, new SplittableRandom(3));
        assertEquals(before, model.parameters().flat());
    }

    @Test
    void randomDirectionsHaveRatioNearOne() {
        Coupling coupling = new Coupling(model, probes, Coupling.DEFAULT_EPS_REL);
        double median = coupling.randomBaseline(20, new SplittableRandom(4)).median();
        double[] r = coupling.randomBaseline(9, new SplittableRandom(5)).responses();
        for (int i = 0; i < r.length; i++) r[i] /= median;
        Arrays.sort(r);
        assertEquals(1.0, r[4], 0.15, "median R of fresh random directions: " + Arrays.toString(r));
        assertTrue(r[0] > 0.5 && r[8] < 2, Arrays.toString(r));
    }

    @Test
    void gradientDirectionOfATrainedModelIsFarAboveRandom(@TempDir Path tmp) {
        RunConfig config = RunConfig.singleTask(ModOp.ADD).p(23).seed(1).maxSteps(200).checkpointEvery(200)
                .evalEvery(100).stopAtGrok(false).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        new Trainer(config, List.of()).train(dir);
        CheckpointSeries series = CheckpointSeries.open(dir.root(), null);
        Task task = series.task();
        GrokTransformer trained = new GrokTransformer(task, series.load(series.size() - 1, DataType.FLOAT));
        Batch batch = Batch.of(task, task.domain().sample(512, new RandomStreams(9).stream("g")));
        INDArray grad = Nd4j.zeros(DataType.FLOAT, trained.parameters().layout().size());
        trained.lossAndGradient(batch, Objective.crossEntropy(0), grad);
        INDArray g = new Parameters(trained.parameters().layout(), grad).attention().dup();
        Coupling coupling = new Coupling(trained, ProbeSet.draw(task, ModOp.ADD, 256, 2), Coupling.DEFAULT_EPS_REL);
        double r = coupling.response(g) / coupling.randomBaseline(20, new SplittableRandom(6)).median();
        assertTrue(r > 10, "R of the normalised gradient (W = 1): " + r);
    }
}
