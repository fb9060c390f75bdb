package org.sedlab.paper.section5;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.BootstrapRatio;
import org.sedlab.report.Claim;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.SectionData;
import org.sedlab.report.Statistics;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.Table;

/**
 * Section 5's claims, computed from Tables 4-5: keeping only a rank-3 subspace (C, E) speeds
 * grokking up about 2x; SED and random do it alike (C vs E); removing the subspace (B, D) changes
 * little. Modes are compared paired by seed ({@link PairedDifference}): with three seeds no sign test
 * reaches p < 0.05, so a comparison there is undecided, never evidence of equality.
 */
public final class Section5Claims {
    private static final String SECTION = "5";
    /**
     * "No effect" is decided as equivalence: the paired interval inside +-10 % of the control's mean
     * grok step (about 330 steps), a difference the paper's tables would call a change.
     */
    static final double EQUIVALENCE = 0.10;
    /** The bootstrap's own seed: its intervals are reproducible. */
    private static final long RESAMPLING_SEED = 5;

    private Section5Claims() {}

    /** Every claim, from Tables 4 (update projection) and 5 (gradient projection) and the weight-decay-0 runs. */
    public static List<Claim> all(SectionData data) {
        Section5Tables tables = new Section5Tables(data);
        Table update = tables.table4();
        Table gradient = tables.table5();
        return List.of(keepingSpeedsUp(update, "update"), keepingSpeedsUp(gradient, "gradient"), notDirectionSpecific(update, gradient),
                removingDoesNotPrevent(update, gradient), removingDoesNotSpeedUp(gradient), removingSedSpeedsUpUpdate(update),
                noDecay(tables.noDecay()));
    }

    /**
     * C and E against A: per op, the ratio of mean grok steps A / mode over the seeds where both grokked,
     * with a by-seed bootstrap interval. Reproduces when every interval lies above 1 (the paper: about 2x).
     */
    public static Claim keepingSpeedsUp(Table table, String flavour) {
        String id = "s5.keep-speeds-up-" + flavour;
        String statement = "keeping only a rank-3 subspace (C: SED, E: random) of the " + flavour + " speeds grokking up";
        StringBuilder out = new StringBuilder(flavour + " projection: ");
        List<String> ours = new ArrayList<>();
        int checked = 0;
        int above = 0;
        int below = 0;
        for (String op : Section5.OPS) {
            double[] control = Section5Tables.perSeed(table, op, Mode.A);
            BootstrapRatio c = ratio(control, Section5Tables.perSeed(table, op, Mode.C));
            BootstrapRatio e = ratio(control, Section5Tables.perSeed(table, op, Mode.E));
            if (c == null || e == null) continue;
            checked += 2;
            for (BootstrapRatio r : List.of(c, e)) {
                if (r.low() > 1) above++;
                if (r.high() < 1) below++;
            }
            out.append(String.format("%s: C %.2fx [%.2f, %.2f], E %.2fx [%.2f, %.2f] faster than A (n = %d seeds); ", op, c.ratio(), c.low(), c.high(),
                    e.ratio(), e.low(), e.high(), c.n()));
            ours.add(String.format("%s C %s, E %s", op, c.describe(), e.describe()));
        }
        if (checked == 0) return Claim.notComputed(id, SECTION, statement, "about 2x", flavour + " projection: not checked yet (modes A, C and E not all trained).");
        Verdict verdict = above == checked ? Verdict.REPRODUCES : below > 0 ? Verdict.DOES_NOT_REPRODUCE : Verdict.UNDECIDED;
        out.append(String.format("%d of %d speed-ups above 1 beyond the seeds' spread (the paper: about 2x): %s.", above, checked, verdict.words()));
        return new Claim(id, SECTION, statement, "about 2x", String.join("; ", ours), "mean A / mean mode over seeds that grokked, by-seed bootstrap 95 % interval",
                verdict, out.toString());
    }

    /**
     * The central claim, "rank-specific, not direction-specific": SED's rank-3 subspace (C) groks no
     * earlier than a random one (E). Every (flavour, op, seed) pairs C with E; reproduces when C's advantage
     * is excluded beyond the equivalence margin, fails when C is decidedly earlier.
     */
    public static Claim notDirectionSpecific(Table update, Table gradient) {
        String id = "s5.not-direction-specific";
        String statement = "the speed-up is rank-specific, not direction-specific: SED rank-3 (C) and random rank-3 (E) grok alike";
        double[][] pairs = pooled(List.of(update, gradient), Mode.C, Mode.E);
        if (pairs[0].length == 0) return Claim.notComputed(id, SECTION, statement, "indistinguishable", "not checked yet: modes C and E not trained");
        PairedDifference d = PairedDifference.of(pairs[0], pairs[1]);
        double margin = EQUIVALENCE * controlMean(List.of(update, gradient));
        Verdict verdict = d.low() > 0 && d.decided() ? Verdict.DOES_NOT_REPRODUCE : d.high() < margin ? Verdict.REPRODUCES : Verdict.UNDECIDED;
        String faster = d.direction() < 0 ? String.format("; random (E) groks decidedly earlier than SED (C), on %d of %d pairs, so the paper's "
                + "\"statistically indistinguishable\" undersells it: SED's directions bring no advantage", d.negative(), d.n()) : "";
        return new Claim(id, SECTION, statement, "indistinguishable", String.format("E - C %+.0f steps [%.0f, %.0f], n = %d", d.mean(), d.low(), d.high(), d.n()),
                String.format("paired by (flavour, op, seed): E - C grok steps, sign test and t interval; C's advantage excluded beyond %.0f steps (%.0f %% of A)",
                        margin, 100 * EQUIVALENCE), verdict,
                String.format("C vs E over both projections and ops, paired by seed (E - C): %s%s: %s.", d.describe(), faster, verdict.words()));
    }

    /** "Removing rank 3 (SED or random) does not prevent grokking": every B and D run groks within the cap. */
    public static Claim removingDoesNotPrevent(Table update, Table gradient) {
        String id = "s5.remove-does-not-prevent";
        String statement = "removing a rank-3 subspace (B: SED, D: random) does not prevent grokking";
        int trained = 0;
        int grokked = 0;
        for (Table table : List.of(update, gradient)) {
            for (String op : Section5.OPS) {
                for (Mode mode : List.of(Mode.B, Mode.D)) {
                    for (double step : Section5Tables.perSeed(table, op, mode)) {
                        if (Double.isNaN(step)) continue;
                        trained++;
                        if (step != Section5Tables.DID_NOT_GROK) grokked++;
                    }
                }
            }
        }
        if (trained == 0) return Claim.notComputed(id, SECTION, statement, "all grok", "not checked yet: modes B and D not trained");
        Verdict verdict = grokked == trained ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE;
        return new Claim(id, SECTION, statement, "all grok", grokked + " of " + trained + " runs", "count of B and D runs that grokked", verdict,
                String.format("Removing rank 3: %d of %d B and D runs grokked within %d steps: %s.", grokked, trained, PaperNumbers.NO_DECAY_CAP, verdict.words()));
    }

    /**
     * "Under the cleaner gradient-projection methodology, [removing the SED subspace] does not accelerate
     * it either": B and D against A, paired by (op, seed), equivalent within the margin.
     */
    public static Claim removingDoesNotSpeedUp(Table gradient) {
        String id = "s5.remove-no-speed-up-gradient";
        String statement = "with gradient projection, removing a rank-3 subspace (B, D) neither speeds grokking up nor slows it";
        List<double[][]> both = List.of(pooled(List.of(gradient), Mode.B, Mode.A), pooled(List.of(gradient), Mode.D, Mode.A));
        if (both.get(0)[0].length == 0 || both.get(1)[0].length == 0) {
            return Claim.notComputed(id, SECTION, statement, "no effect", "not checked yet: gradient-projected B, D and A not all trained");
        }
        double margin = EQUIVALENCE * controlMean(List.of(gradient));
        List<String> parts = new ArrayList<>();
        boolean equivalent = true;
        boolean differs = false;
        for (int i = 0; i < 2; i++) {
            PairedDifference d = PairedDifference.of(both.get(i)[0], both.get(i)[1]);
            equivalent &= d.within(margin);
            differs |= d.decided();
            parts.add((i == 0 ? "A - B " : "A - D ") + d.describe());
        }
        // Equivalence first: an effect decided but inside the margin is a small one, not a change.
        Verdict verdict = equivalent ? Verdict.REPRODUCES : differs ? Verdict.DOES_NOT_REPRODUCE : Verdict.UNDECIDED;
        String small = equivalent && differs ? String.format(" (a decided effect, but inside +-%.0f steps)", margin) : "";
        return new Claim(id, SECTION, statement, "no effect", String.join("; ", parts),
                String.format("paired by (op, seed): A - mode grok steps; no effect = interval inside +-%.0f steps (%.0f %% of A)", margin, 100 * EQUIVALENCE),
                verdict, String.format("Gradient projection, removing rank 3, paired by seed: %s%s: %s.", String.join("; ", parts), small, verdict.words()));
    }

    /**
     * Two modes compared seed by seed (a seed's runs share initialisation and batches): C vs E (is the
     * speed-up direction-specific), B vs A (does removing SED matter). The difference of grok steps,
     * its 95 % interval and an exact sign test; decided only when both reject, and otherwise how many
     * seeds an effect of the observed size and spread would need.
     */
    public static String pairedBySeed(Table table, String flavour, String op, Mode x, Mode y) {
        double[] a = Section5Tables.perSeed(table, op, x);
        double[] b = Section5Tables.perSeed(table, op, y);
        if (!complete(a) || !complete(b)) {
            return String.format("%s %s, %s vs %s: not checked yet (every seed of both modes grokked needed).", flavour, op, x, y);
        }
        PairedDifference d = PairedDifference.of(a, b);
        String verdict = d.decided() ? String.format("%s groks %s than %s", y, d.mean() > 0 ? "later" : "earlier", x) : d.undecided();
        return String.format("%s %s, %s vs %s, paired by seed (%s - %s): %+.0f steps [%.0f, %.0f], %s later on %d of %d seeds and earlier on %d, "
                + "sign test p = %.2g: %s.", flavour, op, x, y, y, x, d.mean(), d.low(), d.high(), y, d.positive(), d.n(), d.negative(),
                d.signTestP(), verdict);
    }

    /**
     * Table 4's remove modes: "D has no effect, but B accelerates by 1.2x on addition, suggesting some
     * SED-specific signal in update-projection" (an artefact of AdamW's projection pipeline, the paper
     * concludes). B and D against A, paired by (op, seed): reproduces when B groks decidedly earlier and D
     * is equivalent within the margin; fails when B is decidedly later, or equivalent to A, or D decidedly
     * differs beyond the margin.
     */
    public static Claim removingSedSpeedsUpUpdate(Table update) {
        String id = "s5.remove-sed-speeds-up-update";
        String statement = "with update projection, removing the SED subspace (B) speeds grokking up and removing a random one (D) does not";
        double[][] b = pooled(List.of(update), Mode.B, Mode.A);
        double[][] d = pooled(List.of(update), Mode.D, Mode.A);
        if (b[0].length == 0 || d[0].length == 0) {
            return Claim.notComputed(id, SECTION, statement, "B 1.2x (add), D none", "not checked yet: update-projected B, D and A not all trained");
        }
        double margin = EQUIVALENCE * controlMean(List.of(update));
        PairedDifference sed = PairedDifference.of(b[0], b[1]);
        PairedDifference random = PairedDifference.of(d[0], d[1]);
        boolean sedInside = sed.within(margin);
        boolean randomInside = random.within(margin);
        Verdict verdict = sed.direction() > 0 && randomInside ? Verdict.REPRODUCES
                : sed.direction() < 0 || sedInside && !sed.decided() || random.decided() && !randomInside ? Verdict.DOES_NOT_REPRODUCE : Verdict.UNDECIDED;
        BootstrapRatio speedUp = ratio(b[1], b[0]);
        String ours = String.format("A - B %s (B %.2fx [%.2f, %.2f] faster); A - D %s", sed.describe(), speedUp.ratio(), speedUp.low(), speedUp.high(),
                random.describe());
        return new Claim(id, SECTION, statement, "B 1.2x (add), D none", ours,
                String.format("paired by (op, seed): A - mode grok steps, sign test and t interval; none = interval inside +-%.0f steps (%.0f %% of A)",
                        margin, 100 * EQUIVALENCE),
                verdict, String.format("Update projection, removing rank 3, paired by seed: %s: %s.", ours, verdict.words()));
    }

    /** mean(control) / mean(mode) over the seeds where both grokked, with its bootstrap interval; null with none. */
    private static BootstrapRatio ratio(double[] control, double[] mode) {
        List<double[]> pairs = new ArrayList<>();
        for (int s = 0; s < control.length; s++) {
            if (grokked(control[s]) && grokked(mode[s])) pairs.add(new double[]{control[s], mode[s]});
        }
        if (pairs.isEmpty()) return null;
        return BootstrapRatio.of(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray(), RESAMPLING_SEED);
    }

    /** Grok steps of modes x and y paired over every table, op and seed where both grokked: {x's, y's}. */
    private static double[][] pooled(List<Table> tables, Mode x, Mode y) {
        List<double[]> pairs = new ArrayList<>();
        for (Table table : tables) {
            for (String op : Section5.OPS) {
                double[] a = Section5Tables.perSeed(table, op, x);
                double[] b = Section5Tables.perSeed(table, op, y);
                for (int s = 0; s < a.length; s++) if (grokked(a[s]) && grokked(b[s])) pairs.add(new double[]{a[s], b[s]});
            }
        }
        return new double[][]{pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** The control's (A's) mean grok step over every table, op and seed that grokked. */
    private static double controlMean(List<Table> tables) {
        List<Double> steps = new ArrayList<>();
        for (Table table : tables) {
            for (String op : Section5.OPS) for (double s : Section5Tables.perSeed(table, op, Mode.A)) if (grokked(s)) steps.add(s);
        }
        return Statistics.mean(steps.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static boolean grokked(double step) {
        return !Double.isNaN(step) && step != Section5Tables.DID_NOT_GROK;
    }

    private static boolean complete(double[] steps) {
        for (double s : steps) if (Double.isNaN(s) || s == Section5Tables.DID_NOT_GROK) return false;
        return true;
    }

    /** Weight decay 0: does any of A, C, E grok within the cap (the paper: none does)? */
    public static Claim noDecay(Table noDecay) {
        int trained = 0;
        int grokked = 0;
        for (int i = 0; i < noDecay.rowCount(); i++) {
            double step = noDecay.doubleColumn("grok step").getDouble(i);
            if (Double.isNaN(step)) continue;
            trained++;
            if (step > 0) grokked++;
        }
        String id = "s5.no-decay";
        String statement = "without weight decay no mode (A, C, E) groks within 8000 steps";
        if (trained == 0) return Claim.notComputed(id, SECTION, statement, "none groks", "Weight decay 0: not checked yet (no run trained).");
        return new Claim(id, SECTION, statement, "none groks", grokked + " of " + trained + " runs grokked", "count of runs",
                grokked == 0 ? Verdict.REPRODUCES : Verdict.DOES_NOT_REPRODUCE,
                String.format("Weight decay 0: %d of %d runs (modes A, C, E) grokked within %d steps; the paper: none: %s.", grokked,
                        trained, PaperNumbers.NO_DECAY_CAP, grokked == 0 ? "reproduces" : "does NOT reproduce"));
    }
}
