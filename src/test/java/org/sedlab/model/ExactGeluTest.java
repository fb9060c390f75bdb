package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sedlab.linalg.NativeLibrary;

/**
 * The native GELU pass computes ExactGelu's Java loop bit for bit at every level this CPU runs: on
 * ordinary values, every node and the points beside it, the clamp's edges, zeros of both signs,
 * subnormals, infinities and NaN, with and without the slope, at an offset into the arrays and with a
 * count that leaves lanes over.
 */
class ExactGeluTest {
    @Test
    void nativePassIsTheJavaLoopBitForBit() {
        List<NativeLibrary.Level> levels = new ArrayList<>();
        for (NativeLibrary.Level level : NativeLibrary.Level.values()) if (NativeLibrary.runs(level)) levels.add(level);
        float[] inputs = inputs();
        int offset = 3;
        for (boolean withSlope : new boolean[]{true, false}) {
            for (int count : new int[]{inputs.length, inputs.length - 5, 7}) {
                FloatBuffer u = slice(inputs, offset);
                FloatBuffer slope = withSlope ? slice(new float[inputs.length], offset) : null;
                ExactGelu.applyInJava(u, slope, count);
                for (NativeLibrary.Level level : levels) {
                    FloatBuffer v = slice(inputs, offset);
                    FloatBuffer vSlope = withSlope ? slice(new float[inputs.length], offset) : null;
                    ExactGelu.applyNatively(level, v, vSlope, count);
                    for (int j = 0; j < inputs.length; j++) {
                        String what = level + " at " + j + " (" + inputs[j] + "), count " + count;
                        assertEquals(Float.floatToRawIntBits(u.get(j)), Float.floatToRawIntBits(v.get(j)), "gelu " + what);
                        if (withSlope) assertEquals(Float.floatToRawIntBits(slope.get(j)), Float.floatToRawIntBits(vSlope.get(j)), "slope " + what);
                    }
                }
            }
        }
    }

    private static float[] inputs() {
        List<Float> values = new ArrayList<>(List.of(0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f,
                10f, -10f, Math.nextDown(10f), Math.nextUp(-10f), Math.nextUp(10f), Math.nextDown(-10f), 1e30f, -1e30f, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00123),
                Float.intBitsToFloat(0xffa00001)));
        for (int node = -640; node <= 640; node++) {
            float u = node / 64f;
            values.add(u);
            values.add(Math.nextUp(u));
            values.add(Math.nextDown(u));
        }
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) values.add((float) (rng.nextGaussian() * (i % 5 == 0 ? 30 : 3)));
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    /** A copy of the values behind {@code offset} other floats, as a buffer starting at them (the kernel's slices). */
    private static FloatBuffer slice(float[] values, int offset) {
        float[] backing = new float[values.length + offset + 4];
        System.arraycopy(values, 0, backing, offset, values.length);
        return FloatBuffer.wrap(backing, offset, values.length).slice();
    }
}
