package org.sedlab.intervention;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.RandomStreams;
import org.sedlab.linalg.Blas;
import org.sedlab.model.WeightGroup;
import org.sedlab.optim.GradientHook;
import org.sedlab.optim.StepIntervention;
import org.sedlab.optim.UpdateHook;

/**
 * Carries out an {@link Intervention} in a running optimizer: as its gradient hook (gradient
 * flavour) or its update hook (update flavour), it replaces each step's attention vector u by
 * u - Pu or Pu, in place. Modes B and C take P from a {@link SedBuffer} of the last W modified
 * (or, with the natural basis, unmodified) vectors; D and E from a fresh random orthonormal frame, drawn from a stream of the run seed and
 * the step, so a resumed run draws the same frames without saving a generator. Nothing is
 * projected in the first W steps (the buffer fills first; D and E wait as long).
 */
public final class RankProjection implements GradientHook, UpdateHook, StepIntervention {
    private static final String COUNTS = "intervention_counts";

    private final Intervention intervention;
    private final RandomStreams streams;
    private final int size;
    /** The SED buffer of modes B and C; A, D and E never read one. */
    private final SedBuffer buffer;
    /** The step's vector, on a direct buffer for the BLAS calls. */
    private final FloatBuffer u;
    /** The step's vector before the projection, for a buffer of natural vectors; null otherwise. */
    private final FloatBuffer natural;
    private long seen;
    private long projected;
    /** Whether projection may start: from the first step, or once an evaluation has found the training set memorised. */
    private boolean armed;

    /** @param size the attention space's dimension; @param streams the run's random streams (frames of D and E) */
    public RankProjection(Intervention intervention, long size, RandomStreams streams) {
        this.intervention = intervention;
        this.streams = streams;
        this.size = Math.toIntExact(size);
        boolean sed = intervention.mode().projects() && !intervention.mode().randomFrame() && intervention.rank() > 0;
        this.buffer = sed ? new SedBuffer(intervention.window(), this.size) : null;
        this.u = Blas.allocate(size);
        this.natural = sed && intervention.naturalBasis() ? Blas.allocate(size) : null;
        this.armed = !intervention.afterMemorisation();
    }

    public Intervention intervention() { return intervention; }

    @Override
    public WeightGroup weights() { return intervention.weights(); }

    /** After memorisation: armed by the first evaluation at train accuracy {@value Intervention#MEMORISED} or more, for good. */
    @Override
    public void onEvaluation(long step, double trainAccuracy) {
        if (trainAccuracy >= Intervention.MEMORISED) armed = true;
    }

    @Override
    public GradientHook gradientHook() { return intervention.flavour() == Intervention.Flavour.GRADIENT ? this : GradientHook.NONE; }

    @Override
    public UpdateHook updateHook() { return intervention.flavour() == Intervention.Flavour.UPDATE ? this : UpdateHook.NONE; }

    @Override
    public long projectedSteps() { return projected; }

    @Override
    public void onGradient(long step, INDArray gradient) {
        apply(step, gradient);
    }

    @Override
    public void onUpdate(long step, INDArray attentionBefore, INDArray attentionAfter) {
        FloatBuffer before = Blas.view(attentionBefore);
        FloatBuffer after = Blas.view(attentionAfter);
        for (int i = 0; i < size; i++) u.put(i, after.get(i) - before.get(i));
        if (apply(step)) {
            for (int i = 0; i < size; i++) after.put(i, before.get(i) + u.get(i));
        }
        // The buffers above do not keep their arrays alive: without this, the snapshot of theta_attn (an
        // array of its own, unused after its view is taken) could be freed by the garbage collector while
        // its memory is still read, and a run diverged on the garbage.
        Reference.reachabilityFence(attentionBefore);
        Reference.reachabilityFence(attentionAfter);
    }

    /** Modifies {@code vector} (contiguous float32) in place as the mode says, after the first W steps; true if it changed. */
    public boolean apply(long step, INDArray vector) {
        if (vector.length() != size) throw new IllegalArgumentException("vector has " + vector.length() + " values, the projected weights " + size);
        FloatBuffer values = Blas.view(vector);
        u.put(0, values, 0, size);
        boolean changed = apply(step);
        if (changed) values.put(0, u, 0, size);
        Reference.reachabilityFence(vector);
        return changed;
    }

    private boolean apply(long step) {
        Intervention.Mode mode = intervention.mode();
        boolean project = mode.projects() && armed && seen >= intervention.window();
        if (natural != null) natural.put(0, u, 0, size);
        if (project) {
            if (intervention.rank() == 0) keepNothing();
            else if (mode.randomFrame()) projectOnRandomFrame(step, mode.keepsSubspace());
            else buffer.project(u, intervention.rank(), mode.keepsSubspace());
            projected++;
        }
        if (buffer != null) buffer.push(natural != null ? natural : u);
        seen++;
        return project;
    }

    /** Rank 0 keeps nothing: P = 0, so Pu = 0. */
    private void keepNothing() {
        for (int j = 0; j < size; j++) u.put(j, 0f);
    }

    /** P u with P onto a fresh orthonormal frame: a P x rank Gaussian, orthonormalised (Gram-Schmidt, as QR does). */
    private void projectOnRandomFrame(long step, boolean keep) {
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
        double[] x = new double[size];
        for (int j = 0; j < size; j++) x[j] = u.get(j);
        double[] pu = new double[size];
        for (double[] v : frame) {
            double coefficient = dot(v, x);
            for (int j = 0; j < size; j++) pu[j] += coefficient * v[j];
        }
        for (int j = 0; j < size; j++) u.put(j, keep ? (float) pu[j] : u.get(j) - (float) pu[j]);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int j = 0; j < x.length; j++) s += x[j] * y[j];
        return s;
    }

    /** The step counts and the SED buffer. */
    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new HashMap<>();
        state.put(COUNTS, Nd4j.createFromArray(seen, projected));
        if (buffer != null) state.putAll(buffer.state());
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray counts = state.get(COUNTS);
        if (counts == null) {
            throw new IllegalArgumentException("the resume state has no intervention counts: it was written by a run without this intervention");
        }
        seen = counts.getLong(0);
        projected = counts.getLong(1);
        if (buffer != null) buffer.restore(state);
    }
}
