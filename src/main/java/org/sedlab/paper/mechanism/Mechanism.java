package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.sedlab.intervention.Intervention;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.model.WeightGroup;
import org.sedlab.paper.Part;
import org.sedlab.paper.section5.Section5;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;

/**
 * Beyond the paper: why does keeping a rank-3 subspace of the attention gradient speed grokking up?
 * The paper names the tests it did not run; these are its controls, on add with the paper's settings
 * otherwise, each compared seed by seed with a reference run (Section 5's control, or its mode C):
 * removing the attention gradient altogether (rank 0, decay still acting) or freezing the attention;
 * projecting only after memorisation; projecting the MLP's weights or every weight instead; larger
 * batches; and mode C with its SED basis from the natural vectors, since mode C as the paper builds
 * it never leaves the span of its first 20. Every run's weight norms follow it.
 */
public final class Mechanism implements Part {
    public static final String NAME = "mechanism";
    public static final String OP = "add";
    /** Six: the fewest at which a sign test paired by seed can decide. */
    public static final List<Long> SEEDS = Seeds.first(6);
    public static final List<Integer> BATCHES = List.of(1024, 2048);

    /**
     * One control: its claim's id (stable when controls are added), its run for a seed, the run it is
     * paired with, the question it answers, and which answer the question expects of the control's grok
     * step against the reference's: -1 earlier, 0 a difference either way.
     */
    public record Control(String id, String label, LongFunction<RunConfig> run, LongFunction<RunConfig> reference, String question, int expected) {
        /** A control asking whether it groks earlier than its reference. */
        Control(String id, String label, LongFunction<RunConfig> run, LongFunction<RunConfig> reference, String question) {
            this(id, label, run, reference, question, -1);
        }
    }

    /** The controls in the order they are trained, seed by seed. */
    public static final List<Control> CONTROLS = controls();

    private static List<Control> controls() {
        LongFunction<RunConfig> plain = seed -> Section5.config(OP, seed, Mode.A, Flavour.GRADIENT);
        LongFunction<RunConfig> keepSed = seed -> Section5.config(OP, seed, Mode.C, Flavour.GRADIENT);
        List<Control> c = new ArrayList<>();
        c.add(new Control("mech.rank-zero", "rank 0 (attention gradient removed, decay acting)", seed -> with(seed, new Intervention(Mode.C, Flavour.GRADIENT, 0,
                Intervention.PAPER_WINDOW)), plain, "removing the attention gradient altogether speeds grokking up"));
        c.add(new Control("mech.frozen-attention", "frozen attention (no gradient, no decay)", seed -> with(seed, new Intervention(Mode.C, Flavour.UPDATE, 0,
                Intervention.PAPER_WINDOW)), plain, "freezing the attention speeds grokking up"));
        for (Mode m : List.of(Mode.C, Mode.E)) {
            c.add(new Control("mech.after-memorising-" + m, m + " after memorisation", seed -> with(seed, Intervention.of(m, Flavour.GRADIENT).afterMemorising()), plain,
                    "projecting only after memorisation (train accuracy >= " + Intervention.MEMORISED + ") still speeds grokking up (" + m + ")"));
        }
        for (WeightGroup g : List.of(WeightGroup.MLP, WeightGroup.ALL)) {
            for (Mode m : List.of(Mode.C, Mode.E)) {
                c.add(new Control("mech." + g.word() + "-weights-" + m, m + " on " + g.phrase(), seed -> with(seed, Intervention.of(m, Flavour.GRADIENT).on(g)), plain,
                        "projecting the gradient of " + g.phrase() + " instead speeds grokking up too (" + m + ")"));
            }
        }
        for (int batch : BATCHES) {
            LongFunction<RunConfig> plainAtBatch = seed -> plain.apply(seed).toBuilder().batchSize(batch).build();
            c.add(new Control("mech.batch" + batch + "-A", "A at batch " + batch, plainAtBatch, plain, "a batch of " + batch + " changes the control's grok step", 0));
            for (Mode m : List.of(Mode.C, Mode.E)) {
                c.add(new Control("mech.batch" + batch + "-" + m, m + " at batch " + batch, seed -> with(seed, Intervention.of(m, Flavour.GRADIENT)).toBuilder().batchSize(batch).build(),
                        plainAtBatch, "the rank-3 speed-up holds at batch " + batch + " (" + m + ")"));
            }
        }
        c.add(new Control("mech.natural-basis-C", "C with the natural SED basis", seed -> with(seed, Intervention.of(Mode.C, Flavour.GRADIENT)
                .withBasis(Intervention.Basis.NATURAL)), keepSed, "mode C groks earlier when its SED basis comes from the natural vectors"));
        return List.copyOf(c);
    }

    private static RunConfig with(long seed, Intervention intervention) {
        return RunConfig.forTask(OP).seed(seed).intervention(intervention).build();
    }

    @Override public String name() { return NAME; }

    @Override public boolean beyondThePaper() { return true; }

    @Override public String title() { return "Beyond the paper: why projection speeds grokking up (controls, weight norms; notebook 10)"; }

    /** As Section 5's quick runs: 30 steps, projection from step 21. */
    @Override public QuickScale quick() { return new QuickScale(b -> b.maxSteps(30), List.of()); }

    @Override public List<Claim> claims(SectionData data) { return MechanismClaims.all(data); }

    /** Seed by seed, so that every seed that lands sharpens the paired statistics; the reference runs are Section 5's. */
    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : b.seeds(SEEDS)) {
            for (Control control : CONTROLS) units.addAll(b.trainWithNorms(control.run().apply(seed)));
        }
        return units;
    }
}
