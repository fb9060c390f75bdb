package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The native row sums and dot products compute FloatSums' Java loops bit for bit: rows of every length up
 * to 41 (so every count of values left over after the eight lanes) and the model's 32 and 128, at an
 * offset, on values whose sum depends on the order of the additions, and on zeros of both signs,
 * subnormals, infinities and NaN.
 */
class FloatSumsTest {
    @Test
    void nativeRowsAreTheJavaLoopsBitForBit() {
        if (!NativeLibrary.AVAILABLE) return; // NativeLibraryTest fails where it should have loaded
        SplittableRandom rng = new SplittableRandom(5);
        int from = 3;
        for (int len : lengths()) {
            int rows = 9;
            float[] a = values(rng, from + rows * len + 2);
            float[] b = values(rng, from + 1 + rows * len + 2);
            float[] expected = new float[rows + 1];
            float[] actual = new float[rows + 1];
            FloatSums.rowSumsInJava(a, from, rows, len, expected, 1);
            NativeFloatSums.rowSums(a, from, rows, len, actual, 1);
            assertSameBits(expected, actual, "sums of rows of " + len);
            FloatSums.rowDotsInJava(a, from, b, from + 1, rows, len, expected, 1);
            NativeFloatSums.rowDots(a, from, b, from + 1, rows, len, actual, 1);
            assertSameBits(expected, actual, "dots of rows of " + len);
            FloatSums.rowDotsInJava(a, from, a, from, rows, len, expected, 1);
            NativeFloatSums.rowDots(a, from, a, from, rows, len, actual, 1);
            assertSameBits(expected, actual, "squares of rows of " + len);
        }
    }

    /** The inputs are ones where order matters: summing one by one gives other bits (else the test above could not fail). */
    @Test
    void theValuesTellSummationOrdersApart() {
        SplittableRandom rng = new SplittableRandom(5);
        float[] a = values(rng, 128 * 20);
        float[] pairwise = new float[20];
        FloatSums.rowSumsInJava(a, 0, 20, 128, pairwise, 0);
        int differ = 0;
        for (int r = 0; r < 20; r++) {
            float s = 0;
            for (int i = 0; i < 128; i++) s += a[r * 128 + i];
            if (Float.floatToIntBits(s) != Float.floatToIntBits(pairwise[r])) differ++;
        }
        assertNotEquals(0, differ);
    }

    @Test
    void rowsOutsideTheArraysAreRefusedBeforeTheLibrarySeesThem() {
        float[] a = new float[64];
        float[] out = new float[4];
        assertThrows(IllegalArgumentException.class, () -> FloatSums.rowSums(a, 1, 4, 16, out, 0));
        assertThrows(IllegalArgumentException.class, () -> FloatSums.rowSums(a, 0, 4, 16, out, 1));
        assertThrows(IllegalArgumentException.class, () -> FloatSums.rowDots(a, 0, new float[63], 0, 4, 16, out, 0));
        assertThrows(IllegalArgumentException.class, () -> FloatSums.rowSums(a, 0, 4, 16, a, 0));
    }

    private static int[] lengths() {
        int[] lengths = new int[44];
        for (int i = 0; i < 42; i++) lengths[i] = i;
        lengths[42] = 32;
        lengths[43] = 128;
        return lengths;
    }

    /** Values of many magnitudes and both signs, with every kind of special float sprinkled in. */
    private static float[] values(SplittableRandom rng, int n) {
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(200) == 0 ? specials[rng.nextInt(specials.length)]
                    : (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4)));
        }
        return v;
    }

    /** Bit for bit, NaN's payload aside (which NaN an addition of two keeps is the compiler's operand order). */
    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), what + ", row " + (i - 1));
        }
    }
}
