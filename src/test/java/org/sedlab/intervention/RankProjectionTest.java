package org.sedlab.intervention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.ModOp;
import org.sedlab.data.RandomStreams;
import org.sedlab.data.Task;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.io.Npz;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.WeightGroup;
import org.sedlab.model.Parameters;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.Optimizer;
import org.sedlab.optim.StepIntervention;
import org.sedlab.sed.RollingSvd;
import org.sedlab.sed.SedBasis;

class RankProjectionTest {
    private static final int SIZE = 400;

    private static INDArray gaussian(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
        return Nd4j.createFromArray(v).castTo(DataType.FLOAT);
    }

    /** A projection fed `window` vectors, ready to project the next one. */
    private static RankProjection filled(Mode mode, int rank, int window, List<INDArray> seen) {
        RankProjection p = new RankProjection(new Intervention(mode, Flavour.GRADIENT, rank, window), SIZE, new RandomStreams(5));
        SplittableRandom rng = new SplittableRandom(11);
        for (int step = 1; step <= window; step++) {
            INDArray u = gaussian(rng, SIZE);
            seen.add(u.dup());
            assertFalse(p.apply(step, u), "nothing is projected until the buffer is full (step " + step + ")");
            assertEquals(seen.get(seen.size() - 1), u);
        }
        return p;
    }

    @Test
    void keepAndRemoveSplitEveryVectorAndKeepingIsIdempotent() {
        INDArray u = gaussian(new SplittableRandom(3), SIZE);
        for (Mode[] pair : new Mode[][]{{Mode.C, Mode.B}, {Mode.E, Mode.D}}) {
            INDArray kept = u.dup();
            INDArray removed = u.dup();
            filled(pair[0], 3, 6, new ArrayList<>()).apply(7, kept);
            filled(pair[1], 3, 6, new ArrayList<>()).apply(7, removed);
            assertTrue(kept.add(removed).equalsWithEps(u, 1e-5), pair[0] + " + " + pair[1] + " = identity");
            assertEquals(0, kept.castTo(DataType.DOUBLE).mul(removed.castTo(DataType.DOUBLE)).sumNumber().doubleValue(), 1e-3,
                    "Pu is orthogonal to u - Pu");
        }
        // P^2 = P: the SED projector of a buffer, applied to its own output, changes nothing.
        List<INDArray> seen = new ArrayList<>();
        RankProjection c = filled(Mode.C, 3, 6, seen);
        SedBasis basis = RollingSvd.topK(Nd4j.vstack(seen.toArray(new INDArray[0])), 3);
        INDArray once = u.dup();
        c.apply(7, once);
        INDArray twice = basis.directions().transpose().mmul(basis.directions().mmul(once.reshape(SIZE, 1))).reshape(SIZE);
        assertTrue(twice.equalsWithEps(once, 1e-4), "P(Pu) = Pu");
    }

    @Test
    void sedProjectorIsTheBuffersTopRightSingularVectors() {
        List<INDArray> seen = new ArrayList<>();
        RankProjection c = filled(Mode.C, 3, 8, seen);
        INDArray u = gaussian(new SplittableRandom(4), SIZE);
        INDArray expected = u.dup();
        SedBasis basis = RollingSvd.topK(Nd4j.vstack(seen.toArray(new INDArray[0])), 3);
        expected = basis.directions().transpose().mmul(basis.directions().mmul(expected.reshape(SIZE, 1))).reshape(SIZE);
        assertTrue(c.apply(9, u));
        assertTrue(u.equalsWithEps(expected, 1e-4), "Pu against the SVD of the buffer:\n" + u + "\n" + expected);
        assertEquals(1, c.projectedSteps());
    }

    @Test
    void randomFramesAreOrthonormalFreshEveryStepAndReproducible() {
        RankProjection e = filled(Mode.E, 3, 4, new ArrayList<>());
        // E keeps Pu: projecting the three unit vectors that span the frame recovers it as a matrix.
        INDArray first = gaussian(new SplittableRandom(9), SIZE);
        INDArray a = first.dup();
        e.apply(5, a);
        INDArray b = first.dup();
        RankProjection again = filled(Mode.E, 3, 4, new ArrayList<>());
        again.apply(5, b);
        assertEquals(a, b, "the frame of a step depends only on the run seed and the step");
        INDArray c = first.dup();
        again.apply(6, c);
        assertNotEquals(a, c, "a fresh frame each step");
        // Orthonormality: ||Pu||^2 = <u, Pu> for an orthogonal projector, whatever u.
        for (INDArray projected : List.of(a, c)) {
            double pu2 = projected.castTo(DataType.DOUBLE).norm2Number().doubleValue();
            double upu = first.castTo(DataType.DOUBLE).mul(projected.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
            assertEquals(pu2 * pu2, upu, 1e-3 * upu);
        }
    }

    /** With the natural basis the buffer takes each vector as it came, so the next projector is the SVD of the last W unmodified vectors. */
    @Test
    void aNaturalBasisBuffersTheVectorsBeforeTheProjection() {
        int window = 8;
        RankProjection c = new RankProjection(new Intervention(Mode.C, Flavour.GRADIENT, 3, window).withBasis(Intervention.Basis.NATURAL), SIZE,
                new RandomStreams(5));
        SplittableRandom rng = new SplittableRandom(11);
        List<INDArray> natural = new ArrayList<>();
        for (int step = 1; step <= window + 2; step++) {
            INDArray u = gaussian(rng, SIZE);
            natural.add(u.dup());
            boolean projected = c.apply(step, u);
            assertEquals(step > window, projected, "step " + step);
            if (!projected) continue;
            SedBasis basis = RollingSvd.topK(Nd4j.vstack(natural.subList(step - 1 - window, step - 1).toArray(new INDArray[0])), 3);
            INDArray x = natural.get(step - 1).reshape(SIZE, 1);
            INDArray expected = basis.directions().transpose().mmul(basis.directions().mmul(x)).reshape(SIZE);
            assertTrue(u.equalsWithEps(expected, 1e-4), "step " + step + ": Pu against the SVD of the last W natural vectors");
        }
        assertEquals("C-grad-nat", new Intervention(Mode.C, Flavour.GRADIENT, 3, 20).withBasis(Intervention.Basis.NATURAL).name());
        assertEquals(Intervention.of(Mode.C, Flavour.GRADIENT), new Intervention(Mode.C, Flavour.GRADIENT, 3, 20).withBasis(Intervention.Basis.MODIFIED),
                "the paper's basis is the default, named nowhere");
        assertThrows(IllegalArgumentException.class, () -> new Intervention(Mode.E, Flavour.GRADIENT, 3, 20).withBasis(Intervention.Basis.NATURAL),
                "a random frame has no buffer");
    }

    /** Rank 0 keeps nothing: the gradient (or, in the update flavour, the whole update, decay included) is zero once the window has passed. */
    @Test
    void rankZeroKeepsNothingAfterTheWindow() {
        RankProjection gradient = new RankProjection(new Intervention(Mode.C, Flavour.GRADIENT, 0, 4), SIZE, new RandomStreams(5));
        SplittableRandom rng = new SplittableRandom(3);
        for (int step = 1; step <= 6; step++) {
            INDArray u = gaussian(rng, SIZE);
            INDArray before = u.dup();
            assertEquals(step > 4, gradient.apply(step, u));
            assertEquals(step > 4 ? Nd4j.zeros(DataType.FLOAT, SIZE) : before, u, "step " + step);
        }
        RankProjection frozen = new RankProjection(new Intervention(Mode.C, Flavour.UPDATE, 0, 1), SIZE, new RandomStreams(5));
        INDArray theta = gaussian(rng, SIZE);
        INDArray after = theta.add(gaussian(rng, SIZE));
        frozen.onUpdate(1, theta, after.dup());
        INDArray stepped = theta.add(gaussian(rng, SIZE));
        frozen.onUpdate(2, theta, stepped);
        assertEquals(theta, stepped, "the attention stays where it was: frozen");
        assertEquals("C-upd-r0", new Intervention(Mode.C, Flavour.UPDATE, 0, 20).name());
        assertThrows(IllegalArgumentException.class, () -> new Intervention(Mode.B, Flavour.GRADIENT, 0, 20), "removing nothing is the control");
    }

    /**
     * Another group of weights: rank 0 on the MLP in the gradient flavour is AdamW on the gradient with the
     * MLP's entries zeroed, bit for bit (the attention trains as usual); in the update flavour on every
     * weight nothing moves at all.
     */
    @Test
    void rankZeroOnTheMlpZeroesItsGradientAndOnEveryWeightFreezesTheModel() {
        Parameters start = GrokTransformer.initialised(Task.single(ModOp.ADD, 11), 1, DataType.FLOAT).parameters();
        ParameterLayout layout = start.layout();
        Parameters params = start.copy();
        Parameters byHand = start.copy();
        Intervention mlpGradient = new Intervention(Mode.C, Flavour.GRADIENT, 0, 1).on(WeightGroup.MLP);
        Optimizer optimizer = Optimizer.of(params, AdamWSettings.PAPER, 1.0, mlpGradient.atWork(layout, new RandomStreams(1)));
        Optimizer plain = Optimizer.of(byHand, AdamWSettings.PAPER, 1.0, StepIntervention.NONE);
        SplittableRandom rng = new SplittableRandom(4);
        for (int step = 1; step <= 3; step++) {
            INDArray grad = gaussian(rng, (int) layout.size()).muli(1e-4);
            INDArray zeroed = grad.dup();
            if (step > 1) WeightGroup.MLP.slice(layout).scatter(zeroed, Nd4j.zeros(DataType.FLOAT, WeightGroup.MLP.size(layout)));
            optimizer.step(step, params, grad);
            plain.step(step, byHand, zeroed);
        }
        assertEquals(byHand.flat(), params.flat(), "the MLP's gradient zeroed after the one-step window, nothing else");
        assertNotEquals(start.attention(), params.attention(), "the attention trains");

        Intervention frozen = new Intervention(Mode.C, Flavour.UPDATE, 0, 1).on(WeightGroup.ALL);
        Optimizer still = Optimizer.of(params, AdamWSettings.PAPER, 1.0, frozen.atWork(layout, new RandomStreams(1)));
        still.step(1, params, gaussian(rng, (int) layout.size()).muli(1e-4));
        INDArray before = params.flat().dup();
        still.step(2, params, gaussian(rng, (int) layout.size()).muli(1e-4));
        assertEquals(before, params.flat(), "every weight frozen, decay included");
        assertEquals("C-upd-r0-w1-all", frozen.name());
    }

    /** After memorisation: nothing is projected until an evaluation finds train accuracy at 0.99, then every step is. */
    @Test
    void afterMemorisationWaitsForTheFirstMemorisedEvaluation() {
        RankProjection late = new RankProjection(new Intervention(Mode.E, Flavour.GRADIENT, 3, 4).afterMemorising(), SIZE, new RandomStreams(5));
        SplittableRandom rng = new SplittableRandom(6);
        for (int step = 1; step <= 10; step++) {
            if (step == 6) late.onEvaluation(5, 0.98);
            if (step == 8) late.onEvaluation(7, 0.995);
            assertEquals(step >= 8, late.apply(step, gaussian(rng, SIZE)), "step " + step);
        }
        late.onEvaluation(10, 0.5);
        assertTrue(late.apply(11, gaussian(rng, SIZE)), "once memorised, it stays on");
        assertEquals("E-grad-w4-mem", late.intervention().name());
    }

    /** The property the author's design implies: in mode C every modified vector stays in the span of the first W natural ones. */
    @Test
    void modeCNeverLeavesTheSpanOfTheFirstWindow() {
        List<INDArray> first = new ArrayList<>();
        RankProjection c = filled(Mode.C, 3, 20, first);
        INDArray basis = orthonormalRows(Nd4j.vstack(first.toArray(new INDArray[0])).castTo(DataType.DOUBLE));
        SplittableRandom rng = new SplittableRandom(21);
        for (int step = 21; step <= 60; step++) {
            INDArray u = gaussian(rng, SIZE);
            c.apply(step, u);
            INDArray x = u.castTo(DataType.DOUBLE).reshape(SIZE, 1);
            INDArray residual = x.sub(basis.transpose().mmul(basis.mmul(x)));
            assertTrue(residual.norm2Number().doubleValue() < 1e-4 * x.norm2Number().doubleValue() + 1e-9, "step " + step);
        }
        assertEquals(40, c.projectedSteps());
    }

    private static INDArray orthonormalRows(INDArray rows) {
        INDArray q = rows.dup();
        for (int i = 0; i < q.rows(); i++) {
            INDArray v = q.getRow(i);
            for (int j = 0; j < i; j++) v.subi(q.getRow(j).mul(v.mul(q.getRow(j)).sumNumber().doubleValue()));
            v.divi(v.norm2Number().doubleValue());
        }
        return q;
    }

    /** Gradient flavour: AdamW's moments see the projected gradient. Update flavour: they keep the natural one. */
    @Test
    void whichMomentsAdamWSeesInEachFlavour() {
        Parameters start = GrokTransformer.initialised(Task.single(ModOp.ADD, 11), 1, DataType.FLOAT).parameters();
        long n = start.layout().size();
        long attention = start.layout().attentionSize();
        RandomStreams streams = new RandomStreams(8);
        Intervention small = new Intervention(Mode.E, Flavour.GRADIENT, 2, 3);

        Parameters projectedParams = start.copy();
        Parameters plainParams = start.copy();
        Optimizer projected = Optimizer.of(projectedParams, AdamWSettings.PAPER, 1.0, new RankProjection(small, attention, streams));
        Optimizer plain = Optimizer.of(plainParams, AdamWSettings.PAPER, 1.0, StepIntervention.NONE);
        SplittableRandom rng = new SplittableRandom(2);
        for (int step = 1; step <= 6; step++) {
            INDArray grad = gaussian(rng, (int) n).muli(1e-4); // far below the clip norm: clipping never acts
            INDArray natural = grad.dup();
            projected.step(step, projectedParams, grad);
            plain.step(step, plainParams, grad.dup()); // grad now holds what the projected run's AdamW saw
            if (step > 3) assertNotEquals(natural, grad, "step " + step + " projected");
        }
        assertEquals(plain.update().state(), projected.update().state(), "moments of the projected gradient");

        Intervention update = new Intervention(Mode.E, Flavour.UPDATE, 2, 3);
        Parameters updated = start.copy();
        Parameters natural = start.copy();
        RankProjection updateProjection = new RankProjection(update, attention, streams);
        Optimizer byUpdate = Optimizer.of(updated, AdamWSettings.PAPER, 1.0, updateProjection);
        Optimizer byNothing = Optimizer.of(natural, AdamWSettings.PAPER, 1.0, StepIntervention.NONE);
        rng = new SplittableRandom(2);
        for (int step = 1; step <= 6; step++) {
            INDArray grad = gaussian(rng, (int) n).muli(1e-4);
            byUpdate.step(step, updated, grad.dup());
            byNothing.step(step, natural, grad.dup());
        }
        assertEquals(byNothing.update().state(), byUpdate.update().state(), "moments keep the natural gradient");
        long[] rest = {attention, n};
        assertEquals(natural.flat().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(rest[0], rest[1])),
                updated.flat().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(rest[0], rest[1])), "only attention is projected");
        assertNotEquals(natural.attention(), updated.attention());
        assertEquals(3, updateProjection.projectedSteps());
    }

    /**
     * An optimizer's state (AdamW's and the projection's, under the keys of existing resume files) written
     * mid-projection and restored into a fresh optimizer: both continue bit for bit.
     */
    @Test
    void optimizerStateRestoredFromAFileContinuesBitForBit(@TempDir Path tmp) {
        Parameters start = GrokTransformer.initialised(Task.single(ModOp.ADD, 11), 1, DataType.FLOAT).parameters();
        int n = Math.toIntExact(start.layout().size());
        Intervention c = new Intervention(Mode.C, Flavour.GRADIENT, 2, 3);
        Parameters params = start.copy();
        Optimizer original = Optimizer.of(params, AdamWSettings.PAPER, 1.0, c.atWork(start.layout(), new RandomStreams(8)));
        SplittableRandom rng = new SplittableRandom(2);
        for (int step = 1; step <= 5; step++) original.step(step, params, gaussian(rng, n).muli(1e-4));
        Path file = tmp.resolve("state.npz");
        Npz.write(file, original.state());
        assertEquals(Set.of("adam_steps", "exp_avg", "exp_avg_sq", "intervention_counts", "intervention_ring",
                "intervention_gram", "intervention_fill"), Npz.read(file).keySet());

        Parameters resumedParams = params.copy();
        StepIntervention projection = c.atWork(start.layout(), new RandomStreams(8));
        Optimizer resumed = Optimizer.of(resumedParams, AdamWSettings.PAPER, 1.0, projection);
        resumed.restore(Npz.read(file));
        for (int step = 6; step <= 9; step++) {
            INDArray grad = gaussian(rng, n).muli(1e-4);
            original.step(step, params, grad.dup());
            resumed.step(step, resumedParams, grad);
        }
        assertArrayEquals(params.flat().toFloatVector(), resumedParams.flat().toFloatVector());
        assertEquals(6, projection.projectedSteps(), "steps 4..9 projected, the count carried over");
        Map<String, INDArray> expected = original.state();
        Map<String, INDArray> got = resumed.state();
        for (String key : expected.keySet()) {
            assertArrayEquals(expected.get(key).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(),
                    got.get(key).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector(), key);
        }
    }

    @Test
    void badSettingsAreRefusedWithTheValidValues() {
        assertThrows(IllegalArgumentException.class, () -> new Intervention(Mode.C, Flavour.GRADIENT, -1, 20));
        assertThrows(IllegalArgumentException.class, () -> new Intervention(Mode.C, Flavour.GRADIENT, 5, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> Mode.parse("F"));
        assertTrue(e.getMessage().contains("choose A (control)"), e.getMessage());
        assertEquals(Flavour.UPDATE, Flavour.parse("update"));
        assertEquals(Flavour.GRADIENT, Flavour.parse("grad"));
        assertEquals("C-grad", Intervention.of(Mode.C, Flavour.GRADIENT).name());
        assertEquals("E-upd-r5", new Intervention(Mode.E, Flavour.UPDATE, 5, 20).name());
    }
}
