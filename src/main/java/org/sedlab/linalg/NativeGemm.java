package org.sedlab.linalg;

/**
 * {@link PortableGemm}'s blocks in the native library ({@code src/main/native/gemm.c}): the same
 * fused chain per element, so the same bits as the Java routes, at about 1.3-1.5x the Vector API's speed
 * with AVX-512 and more with AVX2 (the README's performance section).
 */
final class NativeGemm {
    private NativeGemm() {}

    /**
     * C(i, j) at c[co + i * ldc + j] = fma chain over p of a[ao + i * ars + p * acs] * b[bo + p * ldb + j],
     * from C's value, for i < m, j < n, by the library's code for {@code level} (which this process must
     * run: {@link NativeLibrary#runs}). The caller has checked every range; C's may share an array with
     * A's or B's but not overlap them (as for the Java routes).
     */
    static void multiply(NativeLibrary.Level level, float[] c, int co, int ldc, float[] b, int bo, int ldb, float[] a, int ao, int ars, int acs,
                         int m, int n, int k) {
        multiply(level.code(), c, co, ldc, b, bo, ldb, a, ao, ars, acs, m, n, k);
    }

    /**
     * dst[p * n + j] = src[from + j * ld + p] for p < k, j < n: a B stored transposed, as {@link #multiply}
     * reads B. The caller has checked both ranges.
     */
    static native void transpose(float[] src, int from, int ld, int k, int n, float[] dst);

    /** {@link #transpose} from a direct buffer, its rows from the buffer's start (not its position). */
    static native void transposeDirect(java.nio.FloatBuffer src, int ld, int k, int n, float[] dst);

    private static native void multiply(int level, float[] c, int co, int ldc, float[] b, int bo, int ldb, float[] a, int ao, int ars, int acs,
                                        int m, int n, int k);
}
