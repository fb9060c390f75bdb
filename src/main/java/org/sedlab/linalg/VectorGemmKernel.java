package org.sedlab.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableGemm}'s inner block with explicit vectors (the JDK's incubating Vector API): the
 * accumulators, six output rows by two vectors, stay in registers for the whole sum over p, where
 * the auto-vectorised loop loads and stores them at every second p. Twelve accumulators keep both FMA
 * units busy through the FMA's latency (eight left them waiting), and fit AVX2's sixteen registers with
 * the two B vectors and a broadcast. Each lane still computes
 * c = fma(a[i][p], b[p][j], c) for p = 0, 1, ... in order, so the bits are the same as the loop's at any
 * vector width. Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 */
final class VectorGemmKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Output columns one block covers. */
    static final int WIDTH = 2 * SPECIES.length();

    private VectorGemmKernel() {}

    /** Rows of C one {@link #block} covers. */
    static final int ROWS = 6;

    /**
     * Six rows by WIDTH columns of C, in flat arrays: C(t, j) at c[co + t * ldc + j] accumulates
     * a[ao + t * ars + p * acs] * b[bo + p * ldb + j] over p = 0 .. k-1.
     */
    static void block(float[] c, int co, int ldc, float[] b, int bo, int ldb, float[] a, int ao, int ars, int acs, int k) {
        int l = SPECIES.length();
        int c1 = co + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
        FloatVector c00 = FloatVector.fromArray(SPECIES, c, co), c01 = FloatVector.fromArray(SPECIES, c, co + l);
        FloatVector c10 = FloatVector.fromArray(SPECIES, c, c1), c11 = FloatVector.fromArray(SPECIES, c, c1 + l);
        FloatVector c20 = FloatVector.fromArray(SPECIES, c, c2), c21 = FloatVector.fromArray(SPECIES, c, c2 + l);
        FloatVector c30 = FloatVector.fromArray(SPECIES, c, c3), c31 = FloatVector.fromArray(SPECIES, c, c3 + l);
        FloatVector c40 = FloatVector.fromArray(SPECIES, c, c4), c41 = FloatVector.fromArray(SPECIES, c, c4 + l);
        FloatVector c50 = FloatVector.fromArray(SPECIES, c, c5), c51 = FloatVector.fromArray(SPECIES, c, c5 + l);
        int q = ao;
        int bp = bo;
        for (int p = 0; p < k; p++, q += acs, bp += ldb) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + l);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[q]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[q + ars]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[q + 2 * ars]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[q + 3 * ars]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[q + 4 * ars]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[q + 5 * ars]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + l);
        c10.intoArray(c, c1); c11.intoArray(c, c1 + l);
        c20.intoArray(c, c2); c21.intoArray(c, c2 + l);
        c30.intoArray(c, c3); c31.intoArray(c, c3 + l);
        c40.intoArray(c, c4); c41.intoArray(c, c4 + l);
        c50.intoArray(c, c5); c51.intoArray(c, c5 + l);
    }
}
