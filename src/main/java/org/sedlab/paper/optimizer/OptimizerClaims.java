package org.sedlab.paper.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.optim.UpdateRule;
import org.sedlab.report.Claim;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.SectionData;
import org.sedlab.report.Verdict;
import tech.tablesaw.api.Table;

/**
 * The paper's account of the update's contamination, one stage at a time: does momentum, adaptive
 * scaling or weight decay cost coupling, and does the realised update (many steps between checkpoints,
 * clipped gradients) lose more? Each is the change of median R-bar from one stage to the next, as a log
 * ratio paired by (op, seed): a run's stages share its checkpoints, probes and random baseline.
 */
public final class OptimizerClaims {
    private static final String SECTION = "4 (ours)";

    /**
     * An optimizer whose update is one of AdamW's stages, and what the paper's account predicts of it: an
     * update made of contaminated stages loses the gradient's coupling, one made of the gradient keeps it.
     */
    private record OtherOptimizer(UpdateRule rule, boolean loses, String update) {
        String id() { return "opt." + rule.word() + "-update"; }
    }

    private static final List<OtherOptimizer> OTHERS = List.of(
            new OtherOptimizer(UpdateRule.SGD, false, "the gradient with its L2 penalty, neither momentum nor adaptive scaling"),
            new OtherOptimizer(UpdateRule.SGD_MOMENTUM, true, "the momentum of the penalised gradient"),
            new OtherOptimizer(UpdateRule.ADAM_L2, true, "the Adam direction (momentum and adaptive scaling), no decoupled decay"));

    /** "Keeps the coupling": the update / gradient ratio of median R-bar lies inside x0.8 to x1.25, an equivalence test. */
    static final double KEEPS = Math.log(1.25);

    private OptimizerClaims() {}

    public static List<Claim> all(SectionData data) {
        OptimizerTables tables = new OptimizerTables(data);
        Table medians = tables.stageMedians();
        List<Claim> claims = new ArrayList<>();
        for (StageTransition t : StageTransition.ADAMW) claims.add(costsCoupling(medians, t));
        for (OtherOptimizer o : OTHERS) claims.add(otherOptimizer(o, tables.updateAgainstGradient(o.rule())));
        return claims;
    }

    /**
     * The account's prediction for another optimizer, on its update against its gradient at its tuned
     * rate: "loses" reproduces when the update's median R-bar is decidedly lower; "keeps" when the ratio's
     * interval lies inside the equivalence margin, and fails when it is decidedly outside it.
     */
    static Claim otherOptimizer(OtherOptimizer o, PairedDifference d) {
        String statement = o.rule().description() + " (its update is " + o.update() + ") " + (o.loses() ? "loses" : "keeps")
                + " the coupling of its gradient";
        String paper = "the account: " + (o.loses() ? "loses" : "keeps");
        if (d.n() == 0) return Claim.notComputed(o.id(), SECTION, statement, paper, "not computed yet: ./sedlab reproduce optimizer");
        Verdict verdict = o.loses() ? d.verdictFor(-1) : d.equivalenceVerdict(KEEPS);
        String factor = d.asFactor();
        String statistic = "paired by (op, seed) at the tuned learning rate: log of median R-bar, update / gradient, sign test and t interval"
                + (o.loses() ? "" : "; keeps = interval inside x0.8 to x1.25");
        return new Claim(o.id(), SECTION, statement, paper, factor + " (n = " + d.n() + ")", statistic, verdict,
                String.format("%s: update / gradient median R-bar %s, lower on %d of %d runs: %s.", o.rule().word(), factor, d.negative(), d.n(),
                        verdict == Verdict.UNDECIDED ? d.undecided() : verdict.words()));
    }

    /** Reproduces when the stage decidedly lowers median R-bar over (op, seed) pairs, fails when it decidedly raises it. */
    static Claim costsCoupling(Table medians, StageTransition t) {
        String statement = t.contamination() + " costs coupling (" + t.from() + " -> " + t.to() + ")";
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < medians.rowCount(); i++) {
            double before = medians.doubleColumn(t.from()).getDouble(i);
            double after = medians.doubleColumn(t.to()).getDouble(i);
            if (before > 0 && after > 0) pairs.add(new double[]{Math.log(before), Math.log(after)});
        }
        if (pairs.isEmpty()) return Claim.notComputed(t.id(), SECTION, statement, "", "not computed yet: ./sedlab reproduce optimizer");
        PairedDifference d = PairedDifference.of(pairs.stream().mapToDouble(p -> p[0]).toArray(), pairs.stream().mapToDouble(p -> p[1]).toArray());
        Verdict verdict = d.verdictFor(-1);
        String factor = d.asFactor();
        return new Claim(t.id(), SECTION, statement, "contaminates", factor + " (n = " + d.n() + ")",
                "paired by (op, seed): log of median R-bar after / before, sign test and t interval", verdict,
                String.format("%s -> %s: median R-bar changes %s, lower on %d of %d runs: %s.", t.from(), t.to(), factor, d.negative(), d.n(),
                        d.decided() ? verdict.words() : d.undecided()));
    }
}
