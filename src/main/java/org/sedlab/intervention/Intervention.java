package org.sedlab.intervention;

import java.util.Locale;
import org.sedlab.data.RandomStreams;
import org.sedlab.optim.StepIntervention;

/**
 * The paper's causal intervention as part of a run's configuration (spec section 7): every step,
 * the attention gradient (gradient flavour) or the attention update (update flavour) is split by a
 * rank-{@code rank} projector P and only one part is kept. The SED projector comes from the last
 * {@code window} modified vectors; the random one is a fresh orthonormal frame each step.
 * Nothing is projected until the buffer holds {@code window} vectors.
 */
public record Intervention(Mode mode, Flavour flavour, int rank, int window) {
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

    public Intervention {
        if (mode == null || flavour == null) throw new IllegalArgumentException("an intervention needs a mode and a projection flavour");
        if (rank < 1) throw new IllegalArgumentException("intervention rank must be >= 1, got " + rank);
        if (window < rank) throw new IllegalArgumentException("intervention window must be >= its rank (" + rank + "), got " + window);
    }

    /** The paper's rank 3 and window 20. */
    public static Intervention of(Mode mode, Flavour flavour) {
        return new Intervention(mode, flavour, PAPER_RANK, PAPER_WINDOW);
    }

    /** This intervention at work in an optimizer, on an attention space of {@code attentionSize} values; D and E draw their frames from {@code streams}. */
    public StepIntervention atWork(long attentionSize, RandomStreams streams) {
        return new RankProjection(this, attentionSize, streams);
    }

    /** Its part of a run's name: "C-grad", "E-upd-r5" (rank and window only where they differ from the paper's). */
    public String name() {
        String name = mode + "-" + flavour.shortName();
        if (rank != PAPER_RANK) name += "-r" + rank;
        if (window != PAPER_WINDOW) name += "-w" + window;
        return name;
    }
}
