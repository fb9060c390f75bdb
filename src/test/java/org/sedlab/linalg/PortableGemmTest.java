package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PortableGemm computes its definition bit for bit, c = fma(alpha a[i][p], b[p][j], c) for p in order
 * from beta c, by the native library, the Vector API and the loops alike, for every layout, odd sizes
 * (the native blocks' partial rows and masked columns), strides, the matrix-vector shapes, on arrays
 * (used in place, here at an offset) and on direct buffers (copied).
 */
class PortableGemmTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {4, 32, 128}, {17, 33, 9}, {64, 384, 128}, {130, 97, 128}, {97, 128, 61},
        {200, 1, 300}, {1, 200, 300}, {20, 1, 5000}, {5000, 1, 20}, {21, 1, 1003}, {1003, 1, 21}, {1, 21, 1003}, {7, 1, 9},
        {9, 70, 0}, {25, 47, 13}, {37, 255, 40}, {13, 40, 17}};

    @Test
    void everyElementIsTheDefinedFusedSumBitForBit() {
        assertTrue(PortableGemm.VECTORS, "the tests run with --add-modules jdk.incubator.vector (surefire's argLine), so every path is checked");
        List<PortableGemm.Route> routes = java.util.Arrays.stream(PortableGemm.Route.values()).filter(PortableGemm.Route::available).toList();
        SplittableRandom rng = new SplittableRandom(7);
        int checked = 0;
        for (int[] s : SHAPES) {
            for (int layout = 0; layout < 8; layout++) {
                for (float[] ab : new float[][]{{1f, 0f}, {1f, 1f}, {0.5f, -2f}}) {
                    boolean ta = (layout & 1) != 0, tb = (layout & 2) != 0;
                    Blas.Library storage = (layout & 4) != 0 ? Blas.Library.ONEDNN : Blas.Library.PORTABLE; // direct, or arrays
                    int m = s[0], n = s[1], k = s[2];
                    // strides wider than the rows, as a slice of a larger matrix has
                    int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 1;
                    FloatBuffer a = random(Math.max(1, (ta ? k : m) * lda), rng, storage);
                    FloatBuffer b = random(Math.max(1, (tb ? n : k) * ldb), rng, storage);
                    FloatBuffer c0 = random(m * ldc, rng, storage);
                    float[] expected = reference(ta, tb, m, n, k, ab[0], a, lda, b, ldb, ab[1], c0, ldc);
                    List<FloatBuffer> results = new java.util.ArrayList<>();
                    for (PortableGemm.Route route : routes) {
                        FloatBuffer out = copy(c0, storage);
                        PortableGemm.gemmBy(route, ta, tb, m, n, k, ab[0], a, lda, b, ldb, ab[1], out, ldc);
                        results.add(out);
                    }
                    String what = m + "x" + n + "x" + k + (ta ? " A^T" : "") + (tb ? " B^T" : "") + " alpha " + ab[0] + " beta " + ab[1];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < ldc; j++) {
                            int x = i * ldc + j;
                            float want = j < n ? expected[x] : c0.get(x); // the stride's padding is untouched
                            for (int route = 0; route < routes.size(); route++) {
                                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(results.get(route).get(x)),
                                        what + " (" + routes.get(route) + ") at " + i + "," + j);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "checked " + checked);
    }

    @Test
    void aProductReachingBeyondItsArraysFailsBeforeTouchingThem() {
        // the production setting (launcher, kernel spec, surefire): no range check at each vector load
        assertEquals("0", System.getProperty("jdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK"));
        int m = 12, n = 64, k = 8;
        FloatBuffer a = FloatBuffer.wrap(new float[m * k]);
        FloatBuffer b = FloatBuffer.wrap(new float[k * n]);
        float[] shortC = new float[m * n - 1];
        java.util.Arrays.fill(shortC, 7f);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PortableGemm.gemm(false, false, m, n, k, 1f, a, k, b, n, 0f, FloatBuffer.wrap(shortC), n));
        assertTrue(e.getMessage().contains("reaches element 767 of an array of 767"), e.getMessage());
        for (float x : shortC) assertEquals(7f, x, "C is untouched");
        FloatBuffer shortB = FloatBuffer.wrap(new float[k * n - 1]);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PortableGemm.gemm(false, false, m, n, k, 1f, a, k, shortB, n, 0f, FloatBuffer.wrap(new float[m * n]), n));
    }

    @Test
    void betaZeroOverwritesWhateverCHeld() {
        FloatBuffer a = Blas.allocate(6);
        FloatBuffer b = Blas.allocate(6);
        for (int i = 0; i < 6; i++) {
            a.put(i, i + 1);
            b.put(i, 1);
        }
        FloatBuffer c = Blas.allocate(4);
        for (int i = 0; i < 4; i++) c.put(i, Float.NaN);
        PortableGemm.gemm(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2);
        assertEquals(6f, c.get(0));
        assertEquals(15f, c.get(3));
    }

    /** The definition, written out: one scalar fused multiply-add after another. */
    private static float[] reference(boolean ta, boolean tb, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                                     FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        float[] out = new float[m * ldc];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = beta == 0f ? 0f : beta * c.get(i * ldc + j);
                for (int p = 0; p < k; p++) {
                    float av = ta ? a.get(p * lda + i) : a.get(i * lda + p);
                    float bv = tb ? b.get(j * ldb + p) : b.get(p * ldb + j);
                    acc = Math.fma(alpha * av, bv, acc);
                }
                out[i * ldc + j] = acc;
            }
        }
        return out;
    }

    /** n random values, in a window at an offset of a larger buffer, as the kernel's slices are. */
    private static FloatBuffer random(int n, SplittableRandom rng, Blas.Library storage) {
        FloatBuffer f = Blas.slice(Blas.allocate(Math.max(1, n) + 5, storage), 5, Math.max(1, n));
        for (int i = 0; i < n; i++) f.put(i, (float) (rng.nextDouble() * 2 - 1));
        return f;
    }

    private static FloatBuffer copy(FloatBuffer src, Blas.Library storage) {
        FloatBuffer f = Blas.slice(Blas.allocate(src.capacity() + 3, storage), 3, src.capacity());
        for (int i = 0; i < src.capacity(); i++) f.put(i, src.get(i));
        return f;
    }
}
