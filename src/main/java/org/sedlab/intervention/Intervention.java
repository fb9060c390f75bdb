package org.sedlab.intervention;

import java.util.Locale;
import org.sedlab.data.RandomStreams;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.WeightGroup;
import org.sedlab.optim.StepIntervention;

/**
 * The paper's causal intervention as part of a run's configuration (spec section 7): every step,
 * the attention gradient (gradient flavour) or the attention update (update flavour) is split by a
 * rank-{@code rank} projector P and only one part is kept. The SED projector comes from the last
 * {@code window} modified vectors (the paper) or, with the {@link Basis#NATURAL} basis, from the last
 * {@code window} vectors as they were before the projection; the random one is a fresh orthonormal
 * frame each step. Nothing is projected until {@code window} steps have passed (and, after
 * memorisation, until an evaluation has found train accuracy at {@value #MEMORISED} or more). Rank 0
 * keeps nothing (modes C and E): the gradient is removed while decay still acts (gradient flavour),
 * or the weights are frozen (update flavour, whose update includes the decay). The paper projects
 * the attention weights; the target may be another {@link WeightGroup}.
 *
 * @param basis              null for the paper's (modified vectors)
 * @param target             null for the paper's (the attention weights)
 * @param afterMemorisation  projection starts only once the run has memorised its training set
 *                           (the beyond-the-paper settings are null or false at the paper's value, so a
 *                           record written before they existed reads back equal, and a run's recorded
 *                           configuration names them only where they differ)
 */
public record Intervention(Mode mode, Flavour flavour, int rank, int window, Basis basis, WeightGroup target, boolean afterMemorisation) {
    /** Train accuracy at which a run counts as having memorised its training set. */
    public static final double MEMORISED = 0.99;
    public static final int PAPER_RANK = 3;
    public static final int PAPER_WINDOW = 20;

    /** What a mode does to u: nothing, u - Pu or Pu, with P from the SED buffer or a random frame. */
    public enum Mode {
        /** Control: no change (the buffer holds the natural vectors). */
        A(false, false, false),
        /** Remove SED: u - Pu. */
        B(true, false, false),
        /** Keep only SED: Pu. */
        C(true, true, false),
        /** Remove a random rank-k subspace. */
        D(true, false, true),
        /** Keep only a random rank-k subspace. */
        E(true, true, true);

        private final boolean projects;
        private final boolean keeps;
        private final boolean random;

        Mode(boolean projects, boolean keeps, boolean random) {
            this.projects = projects;
            this.keeps = keeps;
            this.random = random;
        }

        public boolean projects() { return projects; }

        /** Pu (true) or u - Pu (false). */
        public boolean keepsSubspace() { return keeps; }

        /** A fresh random frame (D, E) rather than the SED buffer's top directions (B, C). */
        public boolean randomFrame() { return random; }

        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown intervention mode '" + name
                        + "': choose A (control), B (remove SED), C (keep SED), D (remove random), E (keep random)");
            }
        }
    }

    /** Where the projection acts: on the clipped gradient before AdamW, or on AdamW's attention update. */
    public enum Flavour {
        GRADIENT("grad"), UPDATE("upd");

        private final String shortName;

        Flavour(String shortName) { this.shortName = shortName; }

        public String shortName() { return shortName; }

        public static Flavour parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Flavour f : values()) if (f.name().toLowerCase(Locale.ROOT).equals(n) || f.shortName.equals(n)) return f;
            throw new IllegalArgumentException("unknown projection '" + name + "': choose gradient or update");
        }
    }

    /** Which vectors the SED buffer of modes B and C holds. */
    public enum Basis {
        /** The vectors as the projection left them (the paper's: mode C stays in the span of its first W natural vectors). */
        MODIFIED("modified"),
        /** The vectors as the step made them, before the projection. */
        NATURAL("natural");

        private final String word;

        Basis(String word) { this.word = word; }

        public String word() { return word; }

        public static Basis parse(String name) {
            for (Basis b : values()) if (b.word.equals(name.trim().toLowerCase(Locale.ROOT))) return b;
            throw new IllegalArgumentException("unknown SED basis '" + name + "': choose modified (the paper's) or natural");
        }
    }

    public Intervention {
        if (mode == null || flavour == null) throw new IllegalArgumentException("an intervention needs a mode and a projection flavour");
        if (rank < 0 || rank == 0 && !mode.keepsSubspace()) {
            throw new IllegalArgumentException("intervention rank must be >= 1 (0, keeping nothing, only for modes C and E), got " + rank);
        }
        if (window < Math.max(rank, 1)) throw new IllegalArgumentException("intervention window must be >= its rank and >= 1, got " + window);
        if (basis == Basis.MODIFIED) basis = null;
        if (target == WeightGroup.ATTENTION) target = null;
        if (basis != null && (mode.randomFrame() || !mode.projects())) {
            throw new IllegalArgumentException("the SED basis applies to modes B and C, which take their projector from the SED buffer");
        }
    }

    /** An intervention on the attention weights from the start, with the paper's SED basis (the modified vectors). */
    public Intervention(Mode mode, Flavour flavour, int rank, int window) {
        this(mode, flavour, rank, window, null, null, false);
    }

    /** This intervention with another SED basis. */
    public Intervention withBasis(Basis basis) { return new Intervention(mode, flavour, rank, window, basis, target, afterMemorisation); }

    /** This intervention on another group of weights. */
    public Intervention on(WeightGroup target) { return new Intervention(mode, flavour, rank, window, basis, target, afterMemorisation); }

    /** This intervention switched on only once the run has memorised its training set. */
    public Intervention afterMemorising() { return new Intervention(mode, flavour, rank, window, basis, target, true); }

    /** The SED buffer holds the natural vectors. */
    public boolean naturalBasis() { return basis == Basis.NATURAL; }

    /** The weights it projects: the attention's unless another group is named. */
    public WeightGroup weights() { return target == null ? WeightGroup.ATTENTION : target; }

    /** The paper's rank 3 and window 20. */
    public static Intervention of(Mode mode, Flavour flavour) {
        return new Intervention(mode, flavour, PAPER_RANK, PAPER_WINDOW);
    }

    /** This intervention at work in an optimizer on a model of this layout; D and E draw their frames from {@code streams}. */
    public StepIntervention atWork(ParameterLayout layout, RandomStreams streams) {
        return new RankProjection(this, weights().size(layout), streams);
    }

    /** Its part of a run's name: "C-grad", "E-upd-r5", "C-grad-nat", "E-grad-mlp-mem" (what differs from the paper's only). */
    public String name() {
        String name = mode + "-" + flavour.shortName();
        if (rank != PAPER_RANK) name += "-r" + rank;
        if (window != PAPER_WINDOW) name += "-w" + window;
        if (naturalBasis()) name += "-nat";
        if (target != null) name += "-" + target.word();
        if (afterMemorisation) name += "-mem";
        return name;
    }
}
