package org.sedlab.model;

import java.nio.FloatBuffer;
import org.apache.commons.math3.special.Erf;
import org.sedlab.linalg.NativeLibrary;

/**
 * GELU with the Gaussian CDF (PyTorch's default, not the tanh approximation): gelu(u) = u Phi(u),
 * gelu'(u) = Phi(u) + u phi(u).
 *
 * <p>Phi and gelu' are cubic Hermite interpolants on nodes 1/64 apart over [-10, 10] (values and
 * exact slopes at the nodes, from Commons Math's erfc in double; outside, Phi is 0 or 1 to float
 * precision). The interpolation error is below 1e-9; the cubics are evaluated in float, which leaves
 * a few float32 roundings, as exact as PyTorch's own float32 GELU. A table read plus two cubics
 * replaced two exponentials per element, which had made the MLP's activation the slowest step of the
 * kernel (25 ms of a 135 ms training step).
 */
final class ExactGelu {
    private static final float LOWEST = -10;
    private static final float HIGHEST = 10;
    private static final int NODES_PER_UNIT = 64;
    private static final double STEP = 1.0 / NODES_PER_UNIT;
    private static final int INTERVALS = Math.round((HIGHEST - LOWEST) * NODES_PER_UNIT);
    /** The first node in units of the node spacing: -640. */
    private static final int FIRST_NODE = Math.round(LOWEST * NODES_PER_UNIT);
    /** Added before the float-to-int cast so that it rounds down (a cast truncates towards zero). */
    private static final int CAST_SHIFT = 1024;
    /** Values copied out of the direct buffers at a time. */
    private static final int BLOCK = 1024;
    /**
     * Per interval, 8 values (one cache line): the coefficients of Phi's cubic then of gelu' (the slope), each
     * c0 + c1 f + c2 f^2 + c3 f^3 in f = position within the interval.
     */
    private static final float[] CUBICS;

    static {
        CUBICS = new float[8 * INTERVALS];
        for (int i = 0; i < INTERVALS; i++) {
            double u0 = LOWEST + i * STEP;
            double u1 = u0 + STEP;
            // Phi' = phi; (Phi + u phi)' = (2 - u^2) phi.
            hermite(8 * i, cdf(u0), cdf(u1), phi(u0), phi(u1));
            hermite(8 * i + 4, cdf(u0) + u0 * phi(u0), cdf(u1) + u1 * phi(u1), (2 - u0 * u0) * phi(u0), (2 - u1 * u1) * phi(u1));
        }
    }

    private ExactGelu() {}

    /**
     * In place u -> gelu(u) for {@code count} values; {@code slope}, unless null, receives gelu'(u). By the
     * native library where it runs ({@link NativeGelu}: the same operations, so the same bits), else below.
     */
    static void apply(FloatBuffer u, FloatBuffer slope, int count) {
        if (NativeGelu.takes(u, slope)) {
            applyNatively(NativeLibrary.LEVEL, u, slope, count);
        } else {
            applyInJava(u, slope, count);
        }
    }

    /** {@link #apply} by the native library's code for {@code level}, which this process must run. */
    static void applyNatively(NativeLibrary.Level level, FloatBuffer u, FloatBuffer slope, int count) {
        NativeGelu.apply(level, CUBICS, u, slope, count);
    }

    /** {@link #apply} in Java, whatever the library: the definition {@link NativeGelu} follows. */
    static void applyInJava(FloatBuffer u, FloatBuffer slope, int count) {
        float[] x = new float[BLOCK];
        float[] dx = new float[BLOCK];
        for (int from = 0; from < count; from += BLOCK) {
            int len = Math.min(BLOCK, count - from);
            u.get(from, x, 0, len);
            for (int j = 0; j < len; j++) {
                float v = x[j];
                // u * 64 is exact in float, and so is its difference from the node below it: the position in
                // the interval keeps every bit of u (computing (u + 10) * 64 first lost five). Beyond [-10, 10]
                // the end intervals give Phi = 0 or 1 and gelu' = 0 or 1; NaN (cast to 0) stays NaN. The node comes from
                // w + 1024 > 0, where a cast is a floor (rounding up can leave f a hair below 0, harmlessly).
                float w = v * NODES_PER_UNIT;
                if (w < FIRST_NODE) w = FIRST_NODE;
                if (w > -FIRST_NODE) w = -FIRST_NODE;
                int i = Math.max(0, Math.min((int) (w + CAST_SHIFT) - CAST_SHIFT - FIRST_NODE, INTERVALS - 1));
                float f = w - (i + FIRST_NODE);
                int c = 8 * i;
                x[j] = v * (CUBICS[c] + f * (CUBICS[c + 1] + f * (CUBICS[c + 2] + f * CUBICS[c + 3])));
                if (slope != null) dx[j] = CUBICS[c + 4] + f * (CUBICS[c + 5] + f * (CUBICS[c + 6] + f * CUBICS[c + 7]));
            }
            u.put(from, x, 0, len);
            if (slope != null) slope.put(from, dx, 0, len);
        }
    }

    /** Stores at {@code c} the cubic through (0, y0), (1, y1) with derivatives d0, d1 per unit of u. */
    private static void hermite(int c, double y0, double y1, double d0, double d1) {
        double s0 = d0 * STEP;
        double s1 = d1 * STEP;
        CUBICS[c] = (float) y0;
        CUBICS[c + 1] = (float) s0;
        CUBICS[c + 2] = (float) (3 * (y1 - y0) - 2 * s0 - s1);
        CUBICS[c + 3] = (float) (2 * (y0 - y1) + s0 + s1);
    }

    static double cdf(double u) {
        return 0.5 * Erf.erfc(-u / Math.sqrt(2));
    }

    static double phi(double u) {
        return StrictMath.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
    }
}
