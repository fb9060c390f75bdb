package org.sedlab.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableGemm}'s inner block with explicit vectors (the JDK's incubating Vector API): eight
 * accumulators, four output rows by two vectors, stay in registers for the whole sum over p, where the
 * auto-vectorised loop loads and stores them at every second p. Each lane still computes
 * c = fma(a[i][p], b[p][j], c) for p = 0, 1, ... in order, so the bits are the same as the loop's at any
 * vector width. Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorGemmKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Output columns one block covers. */
    static final int WIDTH = 2 * SPECIES.length();

    private VectorGemmKernel() {}

    /**
     * Output rows r .. r+3, columns j0 .. j0 + WIDTH - 1: out[r][j] accumulates left(r, p) * right[p][j]
     * over p = 0 .. k-1, with left(r, p) = left[r * rs + p * cs].
     */
    static void block(float[][] out, float[][] right, float[] left, int rs, int cs, int r, int j0, int k) {
        int j1 = j0 + SPECIES.length();
        float[] o0 = out[r], o1 = out[r + 1], o2 = out[r + 2], o3 = out[r + 3];
        FloatVector c00 = FloatVector.fromArray(SPECIES, o0, j0), c01 = FloatVector.fromArray(SPECIES, o0, j1);
        FloatVector c10 = FloatVector.fromArray(SPECIES, o1, j0), c11 = FloatVector.fromArray(SPECIES, o1, j1);
        FloatVector c20 = FloatVector.fromArray(SPECIES, o2, j0), c21 = FloatVector.fromArray(SPECIES, o2, j1);
        FloatVector c30 = FloatVector.fromArray(SPECIES, o3, j0), c31 = FloatVector.fromArray(SPECIES, o3, j1);
        int q = r * rs;
        for (int p = 0; p < k; p++, q += cs) {
            float[] b = right[p];
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, j0);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, j1);
            FloatVector a0 = FloatVector.broadcast(SPECIES, left[q]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, left[q + rs]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, left[q + 2 * rs]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, left[q + 3 * rs]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
        }
        c00.intoArray(o0, j0); c01.intoArray(o0, j1);
        c10.intoArray(o1, j0); c11.intoArray(o1, j1);
        c20.intoArray(o2, j0); c21.intoArray(o2, j1);
        c30.intoArray(o3, j0); c31.intoArray(o3, j1);
    }
}
