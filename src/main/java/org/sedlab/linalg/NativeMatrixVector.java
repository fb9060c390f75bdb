package org.sedlab.linalg;

import java.nio.FloatBuffer;

/**
 * {@link PortableGemm}'s matrix-vector products in the native library ({@code src/main/native/matvec.c}):
 * an intervention's buffer of 20 rows of 131,072 floats times a vector, twice a projected step. The same
 * fused chain per element, so the same bits as the Java path, with the chains eight to a vector instead
 * of eight scalar chains through memory. The matrix is read from its buffer's start (not its position);
 * the caller has checked every range.
 */
final class NativeMatrixVector {
    private NativeMatrixVector() {}

    /** acc[i] = fma chain over p &lt; k of (matrix[i * ld + p] * scale) * v[p], from acc[i], for i &lt; rows (scale 1: no product). */
    static void chains(FloatBuffer matrix, int ld, int rows, int k, float scale, float[] v, float[] acc) {
        if (matrix.hasArray()) chains(null, matrix.array(), matrix.arrayOffset(), ld, rows, k, scale, v, acc);
        else chains(matrix, null, 0, ld, rows, k, scale, v, acc);
    }

    /** acc[i] = fma chain over p &lt; k of (matrix[p * ld + i] * scale) * v[p], from acc[i], for i &lt; length (scale 1: no product). */
    static void alongRows(FloatBuffer matrix, int ld, int length, int k, float scale, float[] v, float[] acc) {
        if (matrix.hasArray()) alongRows(null, matrix.array(), matrix.arrayOffset(), ld, length, k, scale, v, acc);
        else alongRows(matrix, null, 0, ld, length, k, scale, v, acc);
    }

    private static native void chains(FloatBuffer direct, float[] array, int from, int ld, int rows, int k, float scale, float[] v, float[] acc);

    private static native void alongRows(FloatBuffer direct, float[] array, int from, int ld, int length, int k, float scale, float[] v, float[] acc);
}
