package org.sedlab.linalg;

/**
 * {@link FloatSums}' row sums and dot products in the native library ({@code src/main/native/sums.c}): the
 * same eight partial sums combined in the same order, so the same bits, a vector of eight lanes at a time
 * where Java adds one float after another. One call covers a block of rows: a call per row would cost as
 * much as the row.
 */
final class NativeFloatSums {
    private NativeFloatSums() {}

    /** out[outFrom + r] = the sum of the r-th run of {@code len} floats of a from {@code from}. */
    static native void rowSums(float[] a, int from, int rows, int len, float[] out, int outFrom);

    /** out[outFrom + r] = the r-th run of {@code len} floats of a . that of b; a and b may be one array. */
    static native void rowDots(float[] a, int aFrom, float[] b, int bFrom, int rows, int len, float[] out, int outFrom);
}
