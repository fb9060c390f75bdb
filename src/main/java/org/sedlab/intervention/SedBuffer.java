package org.sedlab.intervention;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.SymmetricEigen;

/**
 * The last W modified vectors of an SED intervention (modes B, C) and their W x W Gram matrix,
 * kept one row per step, so that P, the projector on the top right singular vectors of the
 * W x P buffer X, is applied without an SVD: with G = X X^T = A S^2 A^T and v_i = X^T a_i / s_i,
 * Pu = X^T c where c = sum_i a_i (a_i . X u) / s_i^2. A step costs three matrix-vector products
 * with X (X u, X^T c, X u') on direct buffers, nothing allocated.
 */
final class SedBuffer {
    /** Directions whose singular value is below this fraction of the largest are dropped (a buffer of lower rank). */
    private static final double RELATIVE_RANK_TOLERANCE = 1e-6;
    private static final String RING = "intervention_ring";
    private static final String GRAM = "intervention_gram";
    private static final String FILL = "intervention_fill";

    private final int window;
    private final int size;
    /** Row-major W x P, written round-robin: row {@code next} is the oldest once full. */
    private final FloatBuffer ring;
    private final FloatBuffer products;
    private final FloatBuffer coefficients;
    private final FloatBuffer projection;
    private final double[][] gram;
    private int count;
    private int next;

    SedBuffer(int window, int size) {
        this.window = window;
        this.size = size;
        this.ring = Blas.allocate((long) window * size);
        this.products = Blas.allocate(window);
        this.coefficients = Blas.allocate(window);
        this.projection = Blas.allocate(size);
        this.gram = new double[window][window];
    }

    boolean full() { return count == window; }

    /** Replaces u (a direct buffer of P floats) by Pu ({@code keep}) or u - Pu, P onto the top {@code rank} directions. */
    void project(FloatBuffer u, int rank, boolean keep) {
        multiply(u);
        SymmetricEigen eig = SymmetricEigen.of(gram);
        double[] lambda = eig.values();
        double top = Math.sqrt(Math.max(lambda[0], 0));
        double[] c = new double[window];
        for (int i = 0; i < rank; i++) {
            double sigma = Math.sqrt(Math.max(lambda[i], 0));
            if (!(sigma > RELATIVE_RANK_TOLERANCE * top)) break;
            double[] a = eig.vector(i);
            double along = 0;
            for (int j = 0; j < window; j++) along += a[j] * products.get(j);
            along /= sigma * sigma;
            for (int j = 0; j < window; j++) c[j] += along * a[j];
        }
        for (int j = 0; j < window; j++) coefficients.put(j, (float) c[j]);
        Blas.gemm(true, false, size, 1, window, 1f, ring, size, coefficients, 1, 0f, projection, 1);
        if (keep) {
            u.put(0, projection, 0, size);
        } else {
            Blas.axpy(size, -1f, projection, u);
        }
    }

    /** Adds u as the newest row (replacing the oldest once full) with its row of the Gram matrix. */
    void push(FloatBuffer u) {
        multiply(u);
        for (int j = 0; j < count; j++) {
            if (j == next) continue;
            gram[next][j] = products.get(j);
            gram[j][next] = products.get(j);
        }
        gram[next][next] = Blas.dot(size, u, u);
        ring.put(next * size, u, 0, size);
        count = Math.min(count + 1, window);
        next = (next + 1) % window;
    }

    /** products = X u over the rows filled so far (the others are zero). */
    private void multiply(FloatBuffer u) {
        Blas.gemm(false, false, window, 1, size, 1f, ring, size, u, 1, 0f, products, 1);
    }

    /** The buffer as it lies, its Gram matrix (whose entries depend on the order rows came in) and its fill. */
    Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        float[] rows = new float[window * size];
        ring.get(0, rows);
        state.put(RING, Nd4j.createFromArray(rows).reshape(window, size));
        state.put(GRAM, Nd4j.createFromArray(gram));
        state.put(FILL, Nd4j.createFromArray((long) count, next));
        return state;
    }

    void restore(Map<String, INDArray> state) {
        INDArray rows = state.get(RING);
        if (rows == null || state.get(GRAM) == null || state.get(FILL) == null) {
            throw new IllegalArgumentException("the resume state has no SED buffer: it was written by a run without this intervention");
        }
        if (rows.rows() != window || rows.columns() != size) {
            throw new IllegalArgumentException("the saved SED buffer is " + rows.rows() + " x " + rows.columns()
                    + ", this intervention needs " + window + " x " + size);
        }
        ring.put(0, rows.castTo(DataType.FLOAT).reshape(window * (long) size).toFloatVector());
        double[][] saved = state.get(GRAM).toDoubleMatrix();
        for (int i = 0; i < window; i++) System.arraycopy(saved[i], 0, gram[i], 0, window);
        count = state.get(FILL).getInt(0);
        next = state.get(FILL).getInt(1);
    }
}
