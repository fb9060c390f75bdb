package org.sedlab.linalg;

/**
 * Sums and dot products over runs of a float array, in eight independent partial sums: with one
 * accumulator every add waits for the previous one, and the row reductions of LayerNorm and attention
 * ran at a quarter of the speed their loads allow.
 */
public final class FloatSums {
    private FloatSums() {}

    /**
     * out[outFrom + r] = sum(a, from + r len, len) for r below {@code rows}: rows lying one after another. By
     * the native library where it runs ({@link NativeFloatSums}: the same bits), else by {@link #sum}.
     */
    public static void rowSums(float[] a, int from, int rows, int len, float[] out, int outFrom) {
        checkRows(a, from, rows, len, out, outFrom);
        if (NativeLibrary.AVAILABLE) {
            NativeFloatSums.rowSums(a, from, rows, len, out, outFrom);
        } else {
            rowSumsInJava(a, from, rows, len, out, outFrom);
        }
    }

    /** out[outFrom + r] = dot(a, aFrom + r len, b, bFrom + r len, len) for r below {@code rows}, as {@link #rowSums}. */
    public static void rowDots(float[] a, int aFrom, float[] b, int bFrom, int rows, int len, float[] out, int outFrom) {
        checkRows(a, aFrom, rows, len, out, outFrom);
        checkRows(b, bFrom, rows, len, out, outFrom);
        if (NativeLibrary.AVAILABLE) {
            NativeFloatSums.rowDots(a, aFrom, b, bFrom, rows, len, out, outFrom);
        } else {
            rowDotsInJava(a, aFrom, b, bFrom, rows, len, out, outFrom);
        }
    }

    /** {@link #rowSums} in Java, whatever the library: the definition the native code follows. */
    static void rowSumsInJava(float[] a, int from, int rows, int len, float[] out, int outFrom) {
        for (int r = 0; r < rows; r++) out[outFrom + r] = sum(a, from + r * len, len);
    }

    /** {@link #rowDots} in Java, whatever the library. */
    static void rowDotsInJava(float[] a, int aFrom, float[] b, int bFrom, int rows, int len, float[] out, int outFrom) {
        for (int r = 0; r < rows; r++) out[outFrom + r] = dot(a, aFrom + r * len, b, bFrom + r * len, len);
    }

    // the library checks nothing: every index it touches is checked here, and out is never a source
    private static void checkRows(float[] a, int from, int rows, int len, float[] out, int outFrom) {
        if (a == out || from < 0 || rows < 0 || len < 0 || outFrom < 0
                || (long) from + (long) rows * len > a.length || (long) outFrom + rows > out.length) {
            throw new IllegalArgumentException(rows + " rows of " + len + " floats from " + from + " of " + a.length
                    + " into " + outFrom + " of " + out.length + (a == out ? " (out is a source)" : ""));
        }
    }

    /** a[from] + ... + a[from + len - 1]. */
    public static float sum(float[] a, int from, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        int end = from + len;
        for (; i + 8 <= end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < end; i++) s += a[i];
        return s;
    }

    /** The dot product of a[aFrom, aFrom + len) and b[bFrom, bFrom + len). */
    public static float dot(float[] a, int aFrom, float[] b, int bFrom, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            s0 += a[aFrom + i] * b[bFrom + i];
            s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
            s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
            s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
            s4 += a[aFrom + i + 4] * b[bFrom + i + 4];
            s5 += a[aFrom + i + 5] * b[bFrom + i + 5];
            s6 += a[aFrom + i + 6] * b[bFrom + i + 6];
            s7 += a[aFrom + i + 7] * b[bFrom + i + 7];
        }
        float s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < len; i++) s += a[aFrom + i] * b[bFrom + i];
        return s;
    }
}
