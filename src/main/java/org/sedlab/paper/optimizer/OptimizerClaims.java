package org.sedlab.paper.optimizer;

import java.util.ArrayList;
import java.util.List;
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

    /** A step of the optimizer: the stage before, the stage after, and what the paper says it adds. */
    private record Transition(String id, String from, String to, String contamination) {}

    private static final List<Transition> TRANSITIONS = List.of(
            new Transition("opt.momentum", "gradient", "momentum", "momentum, which mixes the gradients of past steps into the update"),
            new Transition("opt.adaptive-scaling", "gradient", "scaled-gradient", "adaptive scaling, the per-coordinate normalisation by sqrt(v)"),
            new Transition("opt.weight-decay", "adam-direction", "adam-decay", "weight decay, a theta-aligned drift"),
            new Transition("opt.realised-update", "adam-decay", "update", "the realised update: 25 clipped steps between checkpoints"));

    private OptimizerClaims() {}

    public static List<Claim> all(SectionData data) {
        Table medians = new OptimizerTables(data).stageMedians();
        List<Claim> claims = new ArrayList<>();
        for (Transition t : TRANSITIONS) claims.add(costsCoupling(medians, t));
        return claims;
    }

    /** Reproduces when the stage decidedly lowers median R-bar over (op, seed) pairs, fails when it decidedly raises it. */
    static Claim costsCoupling(Table medians, Transition t) {
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
        String factor = String.format("x%.2f [%.2f, %.2f]", Math.exp(d.mean()), Math.exp(d.low()), Math.exp(d.high()));
        return new Claim(t.id(), SECTION, statement, "contaminates", factor + " (n = " + d.n() + ")",
                "paired by (op, seed): log of median R-bar after / before, sign test and t interval", verdict,
                String.format("%s -> %s: median R-bar changes %s, lower on %d of %d runs: %s.", t.from(), t.to(), factor, d.negative(), d.n(),
                        d.decided() ? verdict.words() : d.undecided()));
    }
}
