package org.sedlab.model;

import java.nio.FloatBuffer;
import org.sedlab.linalg.NativeLibrary;

/**
 * {@link ExactGelu}'s pass in the native library ({@code src/main/native/gelu.c}): the same float
 * operations per element, so the same bits, with the table's coefficients gathered a vector of lanes at a
 * time. For buffers backed by arrays (the portable mode's), where the library runs.
 */
final class NativeGelu {
    private NativeGelu() {}

    /** Whether the library runs here and can take these buffers in place. */
    static boolean takes(FloatBuffer u, FloatBuffer slope) {
        return NativeLibrary.AVAILABLE && u.hasArray() && (slope == null || slope.hasArray());
    }

    /**
     * ExactGelu.apply on the first {@code count} values of {@code u} (and {@code slope}) by the library's
     * code for {@code level}, which this process must run ({@link NativeLibrary#runs}).
     */
    static void apply(NativeLibrary.Level level, float[] cubics, FloatBuffer u, FloatBuffer slope, int count) {
        // the library checks nothing: every index it touches lies within the buffers' capacities
        if (count < 0 || count > u.capacity() || (slope != null && count > slope.capacity())) {
            throw new IllegalArgumentException("GELU over " + count + " values of buffers of " + u.capacity()
                    + (slope == null ? "" : " and " + slope.capacity()) + " floats");
        }
        apply(level.code(), cubics, u.array(), u.arrayOffset(), slope == null ? null : slope.array(), slope == null ? 0 : slope.arrayOffset(), count);
    }

    private static native void apply(int level, float[] cubics, float[] values, int valuesOffset, float[] slope, int slopeOffset, int count);
}
