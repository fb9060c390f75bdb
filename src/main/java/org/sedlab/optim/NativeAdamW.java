package org.sedlab.optim;

import java.nio.FloatBuffer;
import org.sedlab.linalg.NativeLibrary;

/**
 * {@link AdamW}'s float32 step in the native library ({@code src/main/native/adamw.c}): the same float
 * operations per element in the same order, so the same bits, eight values at a time on the vectors'
 * own memory. For ND4J's vectors (direct buffers), where the library runs.
 */
final class NativeAdamW {
    private NativeAdamW() {}

    /** Whether the library runs here and can update these buffers in place. */
    static boolean takes(FloatBuffer... vectors) {
        if (!NativeLibrary.AVAILABLE) return false;
        for (FloatBuffer b : vectors) if (!b.isDirect() || !NativeLibrary.reads(b)) return false;
        return true;
    }

    /** AdamW.stepFloat on the first {@code size} values of each buffer ({@link #takes} them all). */
    static void update(FloatBuffer params, FloatBuffer grad, FloatBuffer m, FloatBuffer v, int size, float b1, float b2, float eps,
                       float decay, float stepSize, float correction, float penalty) {
        // the library checks nothing: every index it touches lies within the buffers' capacities
        for (FloatBuffer b : new FloatBuffer[]{params, grad, m, v}) {
            if (size > b.capacity()) throw new IllegalArgumentException("an AdamW step over " + size + " values of a buffer of " + b.capacity());
        }
        step(params, grad, m, v, size, b1, b2, eps, decay, stepSize, correction, penalty);
    }

    private static native void step(FloatBuffer params, FloatBuffer grad, FloatBuffer m, FloatBuffer v, int n, float b1, float b2, float eps,
                                    float decay, float stepSize, float correction, float penalty);
}
