package org.sedlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Parameters;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;

/** AdamW and clipping against steps worked out by hand from PyTorch's formulas. */
class AdamWTest {
    private static final AdamWSettings S = new AdamWSettings(0.1, 0.9, 0.98, 1e-8, 0.5);

    @Test
    void firstStepMovesEachCoordinateByLrTimesSignAfterDecay() {
        // t = 1: m_hat = g, v_hat = g^2, so the Adam term is lr * g / (|g| + eps).
        INDArray theta = Nd4j.createFromArray(1.0, -2.0, 0.5);
        INDArray g = Nd4j.createFromArray(0.2, -3.0, 0.0);
        new AdamW(S, 3, DataType.DOUBLE).step(theta, g);
        double decay = 1 - 0.1 * 0.5;
        assertArrayEquals(new double[]{
                1.0 * decay - 0.1 * 0.2 / (0.2 + 1e-8),
                -2.0 * decay + 0.1 * 3.0 / (3.0 + 1e-8),
                0.5 * decay}, theta.toDoubleVector(), 1e-12);
    }

    @Test
    void secondStepUsesBiasCorrectedMoments() {
        // By hand for one coordinate: g1 = 1, g2 = -1, theta0 = 0, no decay.
        AdamWSettings s = new AdamWSettings(0.01, 0.9, 0.98, 1e-8, 0.0);
        INDArray theta = Nd4j.createFromArray(0.0);
        AdamW adam = new AdamW(s, 1, DataType.DOUBLE);
        adam.step(theta, Nd4j.createFromArray(1.0));
        adam.step(theta, Nd4j.createFromArray(-1.0));
        double m2 = 0.9 * 0.1 + 0.1 * -1;          // -0.01
        double v2 = 0.98 * 0.02 + 0.02 * 1;        // 0.0396
        double mHat = m2 / (1 - 0.81);
        double denom = Math.sqrt(v2) / Math.sqrt(1 - 0.98 * 0.98) + 1e-8;
        double expected = -0.01 * 1 / (1 + 1e-8) - 0.01 * mHat / denom;
        assertEquals(expected, theta.getDouble(0), 1e-12);
        assertEquals(2, adam.steps());
    }

    @Test
    void clippingScalesToMaxNormOnlyAboveIt() {
        INDArray big = Nd4j.createFromArray(3.0, 4.0);
        assertEquals(5.0, GlobalNormClip.clip(big, 1.0), 1e-12);
        assertArrayEquals(new double[]{3 / (5 + 1e-6), 4 / (5 + 1e-6)}, big.toDoubleVector(), 1e-12);
        INDArray small = Nd4j.createFromArray(0.3, 0.4);
        GlobalNormClip.clip(small, 1.0);
        assertArrayEquals(new double[]{0.3, 0.4}, small.toDoubleVector(), 0);
    }

    @Test
    void hooksSeeAndRewriteOnlyTheAttentionSlice() {
        GrokTransformer model = GrokTransformer.initialised(Task.single(ModOp.ADD, 5), 1, DataType.DOUBLE);
        Parameters params = model.parameters();
        long n = params.layout().size();
        long attn = params.layout().attentionSize();
        INDArray before = params.flat().dup();
        INDArray grad = Nd4j.ones(DataType.DOUBLE, n).muli(1e-3);
        long[] seen = new long[1];
        GradientHook zeroAttention = (step, g) -> {
            seen[0] = g.length();
            g.assign(0);
        };
        UpdateHook freezeAttention = (step, b, after) -> after.assign(b);
        new Optimizer(new AdamW(S, n, DataType.DOUBLE), 1.0, zeroAttention, freezeAttention).step(1, params, grad);
        assertEquals(attn, seen[0]);
        assertEquals(0.0, grad.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, attn)).sumNumber().doubleValue());
        assertEquals(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, attn)),
                params.attention(), "update hook restored theta_attn");
        INDArray rest = params.flat().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(attn, n));
        INDArray restBefore = before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(attn, n));
        double moved = rest.sub(restBefore.mul(1 - 0.1 * 0.5)).getDouble(0);
        assertEquals(-0.1, moved, 1e-6, "non-attention parameters took the Adam step");
    }
}
