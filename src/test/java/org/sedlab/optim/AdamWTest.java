package org.sedlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Parameters;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.io.Npz;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.NativeLibrary;

/** AdamW and clipping against steps worked out by hand from PyTorch's formulas. */
class AdamWTest {
    private static final AdamWSettings S = new AdamWSettings(0.1, 0.9, 0.98, 1e-8, 0.5);

    /** A direct buffer in native order (ND4J's kind) holding the values. */
    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = Blas.allocate(values.length, Blas.Library.ONEDNN);
        b.put(0, values);
        return b;
    }

    @Test
    void theNativeStepIsTheJavaStepBitForBit() {
        assumeTrue(NativeLibrary.AVAILABLE, NativeLibrary.STATUS);
        SplittableRandom rng = new SplittableRandom(17);
        float b1 = 0.9f, b2 = 0.98f, eps = 1e-8f, decay = 1 - 1e-3f;
        float stepSize = (float) (1e-3 / (1 - Math.pow(0.9, 3))), correction = (float) Math.sqrt(1 - Math.pow(0.98, 3));
        for (int size : new int[]{1, 7, 8, 9, 1000, 4099}) {
            for (float penalty : new float[]{0f, 1e-3f}) {
                float[][] start = new float[4][size]; // p, g, m, v
                for (int i = 0; i < size; i++) {
                    float scale = (float) Math.pow(2, rng.nextInt(-30, 4)); // tiny to large, so roundings differ wherever an operation does
                    start[0][i] = (float) (rng.nextDouble() - 0.5);
                    start[1][i] = i % 11 == 0 ? 0f : (float) (rng.nextDouble() - 0.5) * scale;
                    start[2][i] = (float) (rng.nextDouble() - 0.5) * scale;
                    start[3][i] = i % 13 == 0 ? 0f : (float) rng.nextDouble() * scale * scale;
                }
                FloatBuffer[] java = new FloatBuffer[4];
                FloatBuffer[] lib = new FloatBuffer[4];
                for (int j = 0; j < 4; j++) {
                    java[j] = FloatBuffer.wrap(start[j].clone());
                    lib[j] = direct(start[j]);
                }
                for (int t = 0; t < 3; t++) { // three steps: the moments carry the first step's roundings into the next
                    AdamW.stepFloatInJava(size, java[0], java[1], java[2], java[3], b1, b2, eps, decay, stepSize, correction, penalty);
                    NativeAdamW.update(lib[0], lib[1], lib[2], lib[3], size, b1, b2, eps, decay, stepSize, correction, penalty);
                }
                for (int j = 0; j < 4; j++) {
                    for (int i = 0; i < size; i++) {
                        assertEquals(Float.floatToRawIntBits(java[j].get(i)), Float.floatToRawIntBits(lib[j].get(i)),
                                "vector " + j + " (p, g, m, v) at " + i + " of " + size + ", penalty " + penalty);
                    }
                }
            }
        }
    }

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
        assertEquals(2, adam.state().get("adam_steps").getLong(0));
    }

    /** The state written to a resume file and restored into a fresh AdamW continues as the original does, bit for bit. */
    @Test
    void stateRestoredFromAFileContinuesBitForBit(@TempDir Path tmp) {
        SplittableRandom rng = new SplittableRandom(4);
        INDArray theta = gaussian(rng, 7);
        AdamW original = new AdamW(S, 7, DataType.FLOAT);
        for (int i = 0; i < 3; i++) original.step(theta, gaussian(rng, 7));
        Path file = tmp.resolve("state.npz");
        Npz.write(file, original.state());
        AdamW restored = new AdamW(S, 7, DataType.FLOAT);
        restored.restore(Npz.read(file));

        INDArray thetaRestored = theta.dup();
        INDArray g = gaussian(rng, 7);
        original.step(theta, g);
        restored.step(thetaRestored, g);
        assertArrayEquals(theta.toFloatVector(), thetaRestored.toFloatVector());
        assertEquals(4, restored.state().get("adam_steps").getLong(0));
        for (String key : new String[]{"exp_avg", "exp_avg_sq"}) {
            assertArrayEquals(original.state().get(key).toFloatVector(), restored.state().get(key).toFloatVector(), key);
        }
    }

    @Test
    void restoreRefusesAStateWithoutMomentsOrOfAnotherSize() {
        AdamW adam = new AdamW(S, 3, DataType.FLOAT);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> adam.restore(Map.of()));
        assertTrue(missing.getMessage().contains("exp_avg"), missing.getMessage());
        Map<String, INDArray> larger = new AdamW(S, 4, DataType.FLOAT).state();
        assertThrows(IllegalArgumentException.class, () -> adam.restore(larger));
    }

    private static INDArray gaussian(SplittableRandom rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) rng.nextGaussian();
        return Nd4j.createFromArray(v);
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
        StepIntervention both = new StepIntervention() {
            @Override public GradientHook gradientHook() { return zeroAttention; }
            @Override public UpdateHook updateHook() { return freezeAttention; }
            @Override public long projectedSteps() { return 0; }
            @Override public Map<String, INDArray> state() { return Map.of(); }
            @Override public void restore(Map<String, INDArray> state) { }
        };
        Optimizer.of(params, S, 1.0, both).step(1, params, grad);
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
