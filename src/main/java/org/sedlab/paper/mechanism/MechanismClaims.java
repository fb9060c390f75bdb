package org.sedlab.paper.mechanism;

import java.util.ArrayList;
import java.util.List;
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
        for (int i = 0; i < Mechanism.CONTROLS.size(); i++) {
            Control c = Mechanism.CONTROLS.get(i);
            claims.add(decide("mech." + (i + 1), c, tables.steps(c, seeds, true), tables.steps(c, seeds, false)));
        }
        return claims;
    }

    /** One control against its reference, paired by seed. */
    static Claim decide(String id, Control c, double[] reference, double[] control) {
        PairedDifference d = PairedDifference.ofGrokSteps(reference, control, MechanismTables.CAP);
        if (d.n() == 0) return Claim.notComputed(id, SECTION, c.question(), "", "not computed yet: ./sedlab reproduce " + Mechanism.NAME);
        boolean eitherWay = c.question().contains("changes");
        Verdict verdict = eitherWay ? (d.decided() ? Verdict.REPRODUCES : Verdict.UNDECIDED) : d.verdictFor(-1);
        return new Claim(id, SECTION, c.question(), "not tested by the paper",
                String.format("%+.0f steps [%.0f, %.0f], earlier on %d of %d seeds", d.mean(), d.low(), d.high(), d.negative(), d.n()),
                "paired by seed: control - reference grok steps (not grokked: at " + MechanismTables.CAP + "), sign test and t interval", verdict,
                String.format("%s against its reference: %s; %s.", c.label(), d.describe(), d.decided() ? verdict.words() : d.undecided()));
    }
}
