package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both matrix-product libraries against a triple loop in double, the recorder that counts their calls, and the dot product's chain. */
class BlasTest {

    @Test
    void bothLibrariesMultiplyEveryLayoutLikeTheDefinition() {
        SplittableRandom rng = new SplittableRandom(3);
        int m = 37, n = 23, k = 41;
        for (Blas.Library library : Blas.Library.values()) {
            for (boolean ta : new boolean[]{false, true}) {
                for (boolean tb : new boolean[]{false, true}) {
                    // Stored as op(A) = A or A^T: A is m x k, or k x m when transposed; likewise B.
                    float[] a = random(rng, m * k);
                    float[] b = random(rng, k * n);
                    float[] c = random(rng, m * n);
                    int lda = ta ? m : k;
                    int ldb = tb ? k : n;
                    FloatBuffer cb = buffer(c);
                    Blas.gemm(library, ta, tb, m, n, k, 0.5f, buffer(a), lda, buffer(b), ldb, 2f, cb, n);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                sum += (double) (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                            }
                            double expected = 0.5 * sum + 2 * c[i * n + j];
                            assertEquals(expected, cb.get(i * n + j), 1e-5 * (1 + Math.abs(expected)),
                                    library + " " + ta + "/" + tb + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRecordingSeesThisThreadsProductsUntilClosedAndNestsInOrder() {
        FloatBuffer a = Blas.allocate(6);
        FloatBuffer b = Blas.allocate(6);
        FloatBuffer c = Blas.allocate(9);
        Blas.gemm(false, false, 3, 3, 2, 1f, a, 2, b, 3, 0f, c, 3); // before any recording: not seen
        try (GemmRecorder outer = GemmRecorder.open()) {
            Blas.gemm(false, false, 3, 3, 2, 1f, a, 2, b, 3, 0f, c, 3);
            try (GemmRecorder inner = GemmRecorder.open()) {
                Blas.gemm(true, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2);
                assertEquals(List.of(new GemmRecorder.Call(true, false, 2, 2, 3)), inner.calls());
                assertEquals(24, inner.flops());
                assertThrows(IllegalStateException.class, outer::close);
            }
            Blas.gemm(false, true, 1, 3, 2, 1f, a, 2, b, 2, 0f, c, 3);
            assertEquals(List.of(new GemmRecorder.Call(false, false, 3, 3, 2), new GemmRecorder.Call(false, true, 1, 3, 2)),
                    outer.calls());
            assertEquals(2 * 18 + 2 * 6, outer.flops());
        }
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (rng.nextDouble() * 2 - 1);
        return v;
    }

    /** Blas.dot's definition: each product exact in double, added in order. */
    private static double dotInOrder(float[] x, int xFrom, float[] y, int yFrom, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (double) x[xFrom + i] * y[yFrom + i];
        return sum;
    }

    @Test
    void theDotProductIsItsOrderedChainBitForBitOnArraysSlicesAndDirectBuffers() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int n : new int[]{0, 1, 7, 4097, 290_401}) {
            // values spread over many magnitudes, so that another order of the additions rounds differently
            float[] x = new float[n + 5];
            float[] y = new float[n + 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(2, rng.nextInt(-20, 20)));
                y[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(2, rng.nextInt(-20, 20)));
            }
            double want = dotInOrder(x, 3, y, 5, n);
            FloatBuffer arraySlice = FloatBuffer.wrap(x, 3, n).slice();
            FloatBuffer direct = Blas.allocate(n + 1, Blas.Library.ONEDNN);
            direct.put(0, y, 5, n);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(Blas.dot(n, arraySlice, direct)), "n = " + n);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(Blas.dot(n, direct, arraySlice)), "n = " + n);
            assertEquals(Double.doubleToRawLongBits(Math.sqrt(dotInOrder(x, 3, x, 3, n))),
                    Double.doubleToRawLongBits(Blas.norm2(n, arraySlice)), "norm, n = " + n);
        }
        if (NativeLibrary.AVAILABLE) {
            double reordered = 0; // the same values summed backwards: a chain that reordered would not be caught otherwise
            float[] x = new float[100_000];
            for (int i = 0; i < x.length; i++) x[i] = (float) ((rng.nextDouble() - 0.5) * Math.pow(2, rng.nextInt(-20, 20)));
            for (int i = x.length - 1; i >= 0; i--) reordered += (double) x[i] * x[i];
            assertNotEquals(reordered, Blas.dot(x.length, FloatBuffer.wrap(x), FloatBuffer.wrap(x)),
                    "the values round differently in another order");
        }
        assertThrows(IllegalArgumentException.class, () -> Blas.dot(3, FloatBuffer.allocate(3), FloatBuffer.allocate(2)));
    }

    private static FloatBuffer buffer(float[] values) {
        FloatBuffer b = Blas.allocate(values.length);
        b.put(0, values);
        return b;
    }
}
