package org.sedlab.linalg;

import java.nio.FloatBuffer;

/**
 * {@link FloatSums}' row sums and dot products in the native library ({@code src/main/native/sums.c}): the
 * same eight partial sums combined in the same order, so the same bits, a vector of eight lanes at a time
 * where Java adds one float after another. One call covers a block of rows: a call per row would cost as
 * much as the row. Also {@link Blas#dot}'s chain in double, the same additions in the same order.
 */
final class NativeFloatSums {
    private NativeFloatSums() {}

    /** out[outFrom + r] = the sum of the r-th run of {@code len} floats of a from {@code from}. */
    static native void rowSums(float[] a, int from, int rows, int len, float[] out, int outFrom);

    /** out[outFrom + r] = the r-th run of {@code len} floats of a . that of b; a and b may be one array. */
    static native void rowDots(float[] a, int aFrom, float[] b, int bFrom, int rows, int len, float[] out, int outFrom);

    /**
     * The sum, in order and in double, of x[i] y[i] for i &lt; n, from each buffer's start: {@link Blas#dot}.
     * The library reads both buffers ({@link NativeLibrary#reads}), and they hold n values (the caller has checked).
     */
    static double dotInDouble(FloatBuffer x, FloatBuffer y, int n) {
        return dotInDouble(x.isDirect() ? x : null, x.hasArray() ? x.array() : null, x.hasArray() ? x.arrayOffset() : 0,
                y.isDirect() ? y : null, y.hasArray() ? y.array() : null, y.hasArray() ? y.arrayOffset() : 0, n);
    }

    private static native double dotInDouble(FloatBuffer xDirect, float[] xArray, int xFrom, FloatBuffer yDirect, float[] yArray, int yFrom, int n);
}
