package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.report.NuisanceRange;
import tech.tablesaw.api.Table;
import org.sedlab.paper.mechanism.Mechanism.Control;
import org.sedlab.report.Claim;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;

/**
 * Each control's question decided seed by seed against its reference: the paired difference of grok
 * steps (a run that did not grok counted at the cap), exact sign test and t interval. A question about a
 * speed-up holds when the control groks decidedly earlier; "changes the grok step" when it differs
 * either way.
 */
public final class MechanismClaims {
    private static final String SECTION = "5 (ours)";

    private MechanismClaims() {}

    public static List<Claim> all(SectionData data) {
        MechanismTables tables = new MechanismTables(data);
        List<Long> seeds = Mechanism.SEEDS;
        List<Claim> claims = new ArrayList<>();
        for (Control c : Mechanism.CONTROLS) claims.add(decide(c, tables.steps(c, seeds, true), tables.steps(c, seeds, false)));
        claims.add(normAtGrok(tables.normsAtGrok()));
        return claims;
    }

    /** The equivalence margin of the weight-norm account: norms at the grok step within 10 % of the control's count as the same level. */
    static final double SAME_LEVEL = 0.10;

    /**
     * The weight-norm account of grokking: a run groks when its attention weights' norm has fallen to a
     * level that does not depend on the intervention. Section 5's modes C and E against the control A,
     * paired by (op, seed): the log ratio of the attention norm at the grok step (C and E averaged in logs). It holds when the 95 %
     * interval lies within +-10 % (an equivalence test), fails when the interval excludes 0 and leaves
     * that margin, and is undecided otherwise.
     */
    static Claim normAtGrok(Table norms) {
        String id = "mech.norm-at-grok";
        String statement = "each run groks when its attention weight norm falls to the same level, with or without projection";
        // One pair per (op, seed): A against the mean log norm of C and E, which share A, so their pairs are not independent.
        List<Double> control = new ArrayList<>();
        List<Double> projected = new ArrayList<>();
        for (String op : new java.util.LinkedHashSet<>(norms.stringColumn("op").asList())) {
            for (long seed : new java.util.LinkedHashSet<>(norms.longColumn("seed").asList())) {
                Table run = norms.where(norms.stringColumn("op").isEqualTo(op).and(norms.longColumn("seed").isEqualTo(seed)));
                Table a = run.where(run.stringColumn("setting").isEqualTo("A"));
                Table ce = run.where(run.stringColumn("setting").isIn("C-grad", "E-grad"));
                if (a.rowCount() == 0 || ce.rowCount() == 0) continue;
                control.add(Math.log(a.doubleColumn("attention norm at grok").getDouble(0)));
                projected.add(ce.doubleColumn("attention norm at grok").logN().mean());
            }
        }
        if (control.isEmpty()) return Claim.notComputed(id, SECTION, statement, "", "not computed yet: the weight norms of Section 5's runs");
        PairedDifference d = PairedDifference.of(control.stream().mapToDouble(Double::doubleValue).toArray(),
                projected.stream().mapToDouble(Double::doubleValue).toArray());
        double margin = Math.log(1 + SAME_LEVEL);
        Verdict verdict = d.equivalenceVerdict(margin);
        boolean equivalent = verdict == Verdict.REPRODUCES;
        NuisanceRange levels = NuisanceRange.of(norms.doubleColumn("attention norm at grok").asDoubleArray(), norms.rowCount() + " runs");
        NuisanceRange steps = NuisanceRange.of(norms.doubleColumn("grok step").asDoubleArray(), norms.rowCount() + " runs");
        String ratio = String.format("x%.3f [%.3f, %.3f]", Math.exp(d.mean()), Math.exp(d.low()), Math.exp(d.high()));
        return new Claim(id, SECTION, statement, "not tested by the paper", ratio + " (n = " + d.n() + " (op, seed) pairs)",
                "paired by (op, seed): log attention norm at the grok step, the mean of C and E against A; equivalence within +-10 %", verdict,
                String.format("Attention norm at the grok step, C and E against A: %s; over every grokked run the norm at grok spans %s while "
                        + "the grok step spans %s: the account %s.", d.describe(), levels.describe(), steps.describe(),
                        equivalent ? "holds: projection changes when the norm gets there, not where it is"
                                : d.decided() ? "does not hold: the level differs with projection" : "is undecided at this n"));
    }

    /** One control against its reference, paired by seed. */
    static Claim decide(Control c, double[] reference, double[] control) {
        String id = c.id();
        PairedDifference d = PairedDifference.ofGrokSteps(reference, control, MechanismTables.CAP);
        if (d.n() == 0) return Claim.notComputed(id, SECTION, c.question(), "", "not computed yet: ./sedlab reproduce " + Mechanism.NAME);
        Verdict verdict = c.expected() == 0 ? (d.decided() ? Verdict.REPRODUCES : Verdict.UNDECIDED) : d.verdictFor(c.expected());
        return new Claim(id, SECTION, c.question(), "not tested by the paper",
                String.format("%+.0f steps %s, earlier on %d of %d seeds", d.mean(), d.interval("%.0f"), d.negative(), d.n()),
                "paired by seed: control - reference grok steps (not grokked: at " + MechanismTables.CAP + "), sign test and t interval", verdict,
                String.format("%s against its reference: %s; %s.", c.label(), d.describe(), d.decided() ? verdict.words() : d.undecided()));
    }
}
