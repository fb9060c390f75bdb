package org.sedlab.paper.section5;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.intervention.Intervention;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;

/**
 * The paper's Section 5 as sweep units: add and mul, ten seeds (the paper's three first), trained to their grok
 * step under each rank-3 intervention (modes B-E) in both flavours, gradient and update projection.
 * Mode A changes nothing in either flavour, so the control of both tables is the plain run, trained
 * once. Then modes A, C and E on add seed 42 (gradient flavour) without weight decay, to the cap.
 * Each run's weight norms follow it (the weight-norm account of notebook 10).
 */
public final class Section5 implements Part {
    public static final String NAME = "section5";
    public static final List<String> OPS = List.of("add", "mul");
    public static final List<Mode> MODES = List.of(Mode.A, Mode.B, Mode.C, Mode.D, Mode.E);
    public static final List<Flavour> FLAVOURS = List.of(Flavour.UPDATE, Flavour.GRADIENT);
    /** Ten, so that a sign test paired by seed can decide a comparison of two modes. */
    public static final List<Long> SEEDS = Seeds.first(10);
    /** The weight-decay-0 runs: add, seed 42, gradient projection. */
    public static final List<Mode> NO_DECAY_MODES = List.of(Mode.A, Mode.C, Mode.E);
    public static final String NO_DECAY_OP = "add";
    public static final long NO_DECAY_SEED = 42;

    @Override public List<Claim> claims(SectionData data) { return Section5Claims.all(data); }

    @Override public String name() { return NAME; }

    @Override public String title() { return "Tables 4-5, Figure 5: rank-3 interventions, update and gradient projection"; }

    /** Quick runs stop at step 30: the last ten steps project (from step 21, once the buffer holds 20). */
    @Override public QuickScale quick() { return new QuickScale(b -> b.maxSteps(30), List.of()); }

    /** The run of one cell of Tables 4-5: mode A is the plain run, whatever the flavour. */
    public static RunConfig config(String op, long seed, Mode mode, Flavour flavour) {
        RunConfig.Builder b = RunConfig.forTask(op).seed(seed);
        if (mode != Mode.A) b.intervention(Intervention.of(mode, flavour));
        return b.build();
    }

    /** A weight-decay-0 run (mode A included: its buffer changes nothing, but it is named as the paper's cell). */
    public static RunConfig noDecayConfig(Mode mode) {
        return RunConfig.forTask(NO_DECAY_OP).seed(NO_DECAY_SEED).weightDecay(0)
                .intervention(Intervention.of(mode, Flavour.GRADIENT)).build();
    }

    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : b.seeds(SEEDS)) {
            for (String op : OPS) {
                units.addAll(b.trainWithNorms(config(op, seed, Mode.A, Flavour.GRADIENT)));
                for (Flavour flavour : FLAVOURS) {
                    for (Mode mode : MODES) if (mode != Mode.A) units.addAll(b.trainWithNorms(config(op, seed, mode, flavour)));
                }
            }
        }
        for (Mode mode : NO_DECAY_MODES) units.addAll(b.trainWithNorms(noDecayConfig(mode)));
        return units;
    }
}
