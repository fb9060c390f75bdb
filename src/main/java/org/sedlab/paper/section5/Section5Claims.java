package org.sedlab.paper.section5;

import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.PairedDifference;
import org.sedlab.report.PaperNumbers;
import tech.tablesaw.api.Table;

/**
 * Section 5's claims, computed from Tables 4-5: keeping only a rank-3 subspace (C, E) speeds
 * grokking up about 2x; SED and random do it alike (C vs E); removing the subspace (B, D) changes
 * little. Modes are compared paired by seed ({@link PairedDifference}): with three seeds no sign test
 * reaches p < 0.05, so a comparison there is undecided, never evidence of equality.
 */
public final class Section5Claims {
    private Section5Claims() {}

    /** C and E against A: the speed-up per op, beside the paper's ~2x. */
    public static String keepingSpeedsUp(Table table, String flavour) {
        StringBuilder out = new StringBuilder(flavour + " projection: ");
        int checked = 0;
        boolean allFaster = true;
        for (String op : Section5.OPS) {
            double c = speedUp(table, op, Mode.C);
            double e = speedUp(table, op, Mode.E);
            if (Double.isNaN(c) || Double.isNaN(e)) continue;
            checked++;
            allFaster &= c > 1.5 && e > 1.5;
            int seeds = 0;
            for (double step : Section5Tables.perSeed(table, op, Mode.C)) if (!Double.isNaN(step)) seeds++;
            out.append(String.format("%s: C %.2fx, E %.2fx faster than A (means over the seeds trained, %d of 3 for C); ", op, c, e, seeds));
        }
        if (checked == 0) return flavour + " projection: not checked yet (modes A, C and E not all trained).";
        return out.append(allFaster ? "keeping only a rank-3 subspace speeds grokking up (the paper: about 2x): reproduces."
                : "the speed-up of keeping a rank-3 subspace does NOT reproduce everywhere.").toString();
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

    private static double speedUp(Table table, String op, Mode mode) {
        Table row = table.where(table.stringColumn("op").isEqualTo(op).and(table.stringColumn("mode").isEqualTo(mode.name())));
        return row.doubleColumn("speed-up").getDouble(0);
    }

    private static boolean complete(double[] steps) {
        for (double s : steps) if (Double.isNaN(s) || s == Section5Tables.DID_NOT_GROK) return false;
        return true;
    }

    /** Weight decay 0: does any of A, C, E grok within the cap (the paper: none does)? */
    public static String noDecay(Table noDecay) {
        int trained = 0;
        int grokked = 0;
        for (int i = 0; i < noDecay.rowCount(); i++) {
            double step = noDecay.doubleColumn("grok step").getDouble(i);
            if (Double.isNaN(step)) continue;
            trained++;
            if (step > 0) grokked++;
        }
        if (trained == 0) return "Weight decay 0: not checked yet (no run trained).";
        return String.format("Weight decay 0: %d of %d runs (modes A, C, E) grokked within %d steps; the paper: none: %s.", grokked,
                trained, PaperNumbers.NO_DECAY_CAP, grokked == 0 ? "reproduces" : "does NOT reproduce");
    }
}
