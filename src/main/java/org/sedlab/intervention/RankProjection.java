package org.sedlab.intervention;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.RandomStreams;
import org.sedlab.linalg.SymmetricEigen;
import org.sedlab.optim.GradientHook;
import org.sedlab.optim.UpdateHook;

/**
 * Carries out an {@link Intervention} in a running optimizer: as its gradient hook (gradient
 * flavour) or its update hook (update flavour), it replaces each step's attention vector u by
 * u - Pu or Pu and remembers the last {@code window} modified vectors.
 *
 * <p>The SED projector is never found by an SVD of the window x P buffer: the buffer's W x W Gram
 * matrix is kept up to date one row per step, its top eigenvectors a_i (scaled by 1/sigma_i) give
 * v_i = X^T a_i, and Pu = X^T (sum_i a_i a_i^T) X u: two matrix-vector products with the buffer.
 * The random frame of modes D and E comes from a stream of the run seed and the step, so a
 * resumed run draws the same frames without saving a generator.
 */
public final class RankProjection implements GradientHook, UpdateHook {
    /** Directions whose singular value is below this fraction of the largest are dropped (a buffer of lower rank). */
    private static final double RELATIVE_RANK_TOLERANCE = 1e-6;
    private static final String RING = "intervention_ring";
    private static final String FILL = "intervention_fill";

    private final Intervention intervention;
    private final RandomStreams streams;
    private final int size;
    /** The last {@code window} modified vectors, written round-robin (row {@code next} is the oldest once full). */
    private final INDArray ring;
    /** The same rows as Java arrays: the Gram matrix is summed here in one fixed order, so that it does not depend on
     *  the order rows arrived in (BLAS may sum a product differently by a row's position) and a resumed run matches. */
    private final float[][] rows;
    private final double[][] gram;
    private int count;
    private int next;
    private long projected;

    /** @param size the attention space's dimension; @param streams the run's random streams (frames of D and E) */
    public RankProjection(Intervention intervention, long size, RandomStreams streams) {
        this.intervention = intervention;
        this.streams = streams;
        this.size = Math.toIntExact(size);
        this.ring = Nd4j.zeros(DataType.FLOAT, intervention.window(), size);
        this.rows = new float[intervention.window()][this.size];
        this.gram = new double[intervention.window()][intervention.window()];
    }

    public Intervention intervention() { return intervention; }

    public GradientHook gradientHook() { return intervention.flavour() == Intervention.Flavour.GRADIENT ? this : GradientHook.NONE; }

    public UpdateHook updateHook() { return intervention.flavour() == Intervention.Flavour.UPDATE ? this : UpdateHook.NONE; }

    /** Steps on which a projection was applied. */
    public long projectedSteps() { return projected; }

    @Override
    public void onGradient(long step, INDArray attentionGradient) {
        INDArray u = attentionGradient.castTo(DataType.FLOAT).dup();
        if (apply(step, u)) attentionGradient.assign(u);
    }

    @Override
    public void onUpdate(long step, INDArray attentionBefore, INDArray attentionAfter) {
        INDArray u = attentionAfter.castTo(DataType.FLOAT).sub(attentionBefore.castTo(DataType.FLOAT));
        if (apply(step, u)) attentionAfter.assign(attentionBefore.add(u.castTo(attentionBefore.dataType())));
    }

    /**
     * Modifies u in place as the mode says (once the buffer is full) and adds the result to the
     * buffer; true if u was changed.
     */
    public boolean apply(long step, INDArray u) {
        if (u.length() != size) throw new IllegalArgumentException("vector has " + u.length() + " values, the attention space " + size);
        boolean project = intervention.mode().projects() && count == intervention.window();
        if (project) {
            INDArray pu = intervention.mode().randomFrame() ? randomProjection(step, u) : sedProjection(u);
            if (intervention.mode().keepsSubspace()) u.assign(pu);
            else u.subi(pu);
            projected++;
        }
        push(u);
        return project;
    }

    /** P u with P onto the buffer's top right singular vectors: X^T (sum_i a_i a_i^T) X u with a_i = u_i / sigma_i. */
    private INDArray sedProjection(INDArray u) {
        SymmetricEigen eig = SymmetricEigen.of(gram);
        double[] lambda = eig.values();
        double top = Math.sqrt(Math.max(lambda[0], 0));
        int w = intervention.window();
        double[] xu = ring.mmul(u.reshape(size, 1)).castTo(DataType.DOUBLE).toDoubleVector();
        double[] c = new double[w];
        for (int i = 0; i < intervention.rank(); i++) {
            double sigma = Math.sqrt(Math.max(lambda[i], 0));
            if (!(sigma > RELATIVE_RANK_TOLERANCE * top)) break;
            double[] a = eig.vector(i);
            double coefficient = 0;
            for (int j = 0; j < w; j++) coefficient += a[j] * xu[j];
            coefficient /= sigma * sigma;
            for (int j = 0; j < w; j++) c[j] += coefficient * a[j];
        }
        return Nd4j.createFromArray(c).castTo(DataType.FLOAT).reshape(1, w).mmul(ring).reshape(size);
    }

    /** P u with P onto a fresh orthonormal frame: a P x rank Gaussian, orthonormalised (Gram-Schmidt, as QR does). */
    private INDArray randomProjection(long step, INDArray u) {
        SplittableRandom rng = streams.stream("intervention-frame", step);
        int k = intervention.rank();
        double[][] frame = new double[k][size];
        for (double[] v : frame) for (int j = 0; j < size; j++) v[j] = rng.nextGaussian();
        for (int i = 0; i < k; i++) {
            for (int prev = 0; prev < i; prev++) {
                double d = dot(frame[i], frame[prev]);
                for (int j = 0; j < size; j++) frame[i][j] -= d * frame[prev][j];
            }
            double norm = Math.sqrt(dot(frame[i], frame[i]));
            for (int j = 0; j < size; j++) frame[i][j] /= norm;
        }
        double[] x = u.castTo(DataType.DOUBLE).toDoubleVector();
        double[] pu = new double[size];
        for (double[] v : frame) {
            double coefficient = dot(v, x);
            for (int j = 0; j < size; j++) pu[j] += coefficient * v[j];
        }
        return Nd4j.createFromArray(pu).castTo(DataType.FLOAT);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += x[j] * y[j];
        return s;
    }

    /** Writes u into the oldest row and refreshes that row of the Gram matrix. */
    private void push(INDArray u) {
        float[] values = u.castTo(DataType.FLOAT).toFloatVector();
        System.arraycopy(values, 0, rows[next], 0, size);
        ring.putRow(next, Nd4j.createFromArray(values));
        count = Math.min(count + 1, intervention.window());
        refreshGramRow(next);
        next = (next + 1) % intervention.window();
    }

    private void refreshGramRow(int row) {
        for (int j = 0; j < rows.length; j++) {
            double d = dot(rows[Math.min(row, j)], rows[Math.max(row, j)]);
            gram[row][j] = d;
            gram[j][row] = d;
        }
    }

    /** Sum of x_i y_i in double, in four interleaved partial sums (a fixed order, so the same rows give the same bits). */
    private static double dot(float[] x, float[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = x.length - x.length % 4;
        for (int i = 0; i < n; i += 4) {
            s0 += (double) x[i] * y[i];
            s1 += (double) x[i + 1] * y[i + 1];
            s2 += (double) x[i + 2] * y[i + 2];
            s3 += (double) x[i + 3] * y[i + 3];
        }
        for (int i = n; i < x.length; i++) s0 += (double) x[i] * y[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** What a checkpoint saves so that a resumed run continues bit for bit: the buffer as it lies, its fill and the count. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(RING, ring.dup());
        state.put(FILL, Nd4j.createFromArray((long) count, next, projected));
        return state;
    }

    /** Restores {@link #state()}; the Gram matrix is recomputed from the buffer (the same products as when it was built). */
    public void restore(Map<String, INDArray> state) {
        INDArray saved = state.get(RING);
        INDArray fill = state.get(FILL);
        if (saved == null || fill == null) {
            throw new IllegalArgumentException("the resume state has no intervention buffer: it was written by a run without this intervention");
        }
        if (saved.rows() != intervention.window() || saved.columns() != size) {
            throw new IllegalArgumentException("the saved intervention buffer is " + saved.rows() + " x " + saved.columns()
                    + ", this intervention needs " + intervention.window() + " x " + size);
        }
        ring.assign(saved);
        for (int row = 0; row < rows.length; row++) System.arraycopy(saved.getRow(row).toFloatVector(), 0, rows[row], 0, size);
        count = fill.getInt(0);
        next = fill.getInt(1);
        projected = fill.getLong(2);
        for (int row = 0; row < intervention.window(); row++) refreshGramRow(row);
    }
}
