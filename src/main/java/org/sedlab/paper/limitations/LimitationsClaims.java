package org.sedlab.paper.limitations;

import static org.sedlab.paper.limitations.Limitations.CAP;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.paper.section5.Section5Tables;
import org.sedlab.report.PairedSpeedUp;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.SectionData;
import tech.tablesaw.api.Table;

/**
 * The verdicts of the Limitations notebook, each computed from a {@link LimitationsTables} table and
 * each saying "not checked yet" while its units are missing.
 */
public final class LimitationsClaims {
    /** A rank-90 within this fraction of the paper's counts as the paper's value. */
    static final double RANK_TOLERANCE = 0.15;
    /** A top-1 cosine at least this large counts as the paper's "align strongly". */
    static final double STRONG_ALIGNMENT = 0.7;
    /** Two R-bar levels within this factor of each other count as the same level. */
    static final double SAME_LEVEL = 2;
    /** A mean grok step this much faster than the control's counts as a speed-up. */
    static final double SPEED_UP = 1.2;
    /** C and E whose speed-ups differ by less than this fraction count as alike. */
    static final double ALIKE = 0.15;

    private LimitationsClaims() {}

    /** The rank-90 trajectory of both centroids: the paper's values and its rise-then-collapse shape. */
    public static String centroidRanks(Table centroids) {
        if (centroids.rowCount() < LimitationsTables.PHASES.size()) return "Centroid rank-90: not checked yet (compare-centroids not run).";
        List<String> pairs = new ArrayList<>();
        double worst = 0;
        boolean shape = true;
        for (String kind : List.of("simplified", "full")) {
            int[] r = centroids.intColumn("rank-90 " + kind).asIntArray();
            shape &= r[1] > r[0] && r[2] < r[1];
            int[] paper = centroids.intColumn("paper: rank-90 " + kind).asIntArray();
            for (int i = 0; i < r.length; i++) worst = Math.max(worst, Math.abs(r[i] - paper[i]) / (double) paper[i]);
        }
        for (int i = 0; i < centroids.rowCount(); i++) {
            pairs.add(centroids.intColumn("rank-90 simplified").get(i) + "/" + centroids.intColumn("rank-90 full").get(i));
        }
        boolean same = shape && worst <= RANK_TOLERANCE;
        return String.format("Rank-90 simplified/full at init, mid, post-grok: ours %s, the paper 62/76, 96/88, 23/18; both rise then "
                + "collapse: %s; largest difference from the paper %.0f%%: %s.", String.join(", ", pairs), shape ? "yes" : "no",
                100 * worst, same ? "reproduces" : "does NOT reproduce");
    }

    /** "Align strongly at convergence": the top-1 principal-axis cosine, read with the axis ratio that says whether it is defined. */
    public static String centroidAlignment(Table centroids) {
        if (centroids.rowCount() < LimitationsTables.PHASES.size()) return "Centroid alignment: not checked yet (compare-centroids not run).";
        int last = centroids.rowCount() - 1;
        double top1 = centroids.doubleColumn("top-1 cosine").getDouble(last);
        double ratio = centroids.doubleColumn("lambda2/lambda1 simplified").getDouble(last);
        double angles = centroids.doubleColumn("top-3 (principal angles)").getDouble(last);
        double author = centroids.doubleColumn("top-3 (author's |V1 V2'|)").getDouble(last);
        double cosine = centroids.doubleColumn("mean cosine").getDouble(last);
        boolean strong = top1 >= STRONG_ALIGNMENT;
        return String.format("At convergence the top-1 principal-axis cosine is %.2f (the paper: %.2f): %s. The simplified centroid's "
                        + "lambda2/lambda1 is %.2f%s; the top-3 subspaces score %.2f (principal angles) and %.2f (the author's |V1 V2'|), "
                        + "and the mean per-probe cosine is %.2f.", top1, PaperNumbers.CENTROID_TOP1_AT_CONVERGENCE,
                strong ? "reproduces" : "does NOT reproduce", ratio,
                ratio > 0.8 ? " (its first two axes are nearly tied, so which of them is 'first' is decided by noise and a top-1 cosine "
                        + "says little)" : "", angles, author, cosine);
    }

    /** Does gradient SED's coupling transfer to the full centroid, at its peak and mid-training? */
    public static String fullCentroidTransfer(Table fullCentroid) {
        if (fullCentroid.doubleColumn("peak Rbar").countMissing() > 0) return "Full-centroid R-bar: not checked yet (an analysis is missing).";
        double peakS = fullCentroid.doubleColumn("peak Rbar").getDouble(0);
        double peakF = fullCentroid.doubleColumn("peak Rbar").getDouble(1);
        double midS = fullCentroid.doubleColumn("mid-training Rbar").getDouble(0);
        double midF = fullCentroid.doubleColumn("mid-training Rbar").getDouble(1);
        boolean peakSame = within(peakF, peakS);
        boolean midSame = within(midF, midS);
        double[] range = PaperNumbers.GRADIENT_RANGE;
        boolean inRange = peakF >= range[0] && peakF <= range[1];
        return String.format("With the full centroid, gradient SED peaks at R-bar %.0f (simplified: %.0f, ratio %.2f) and sits at %.0f "
                        + "mid-training (simplified: %.0f, ratio %.2f); the full peak is %s the paper's %.0f-%.0fx range: the coupling %s.",
                peakF, peakS, peakF / peakS, midF, midS, midF / midS, inRange ? "inside" : "outside", range[0], range[1],
                peakSame && midSame ? "transfers quantitatively (within a factor " + (int) SAME_LEVEL + " at the peak and mid-training)"
                        : "does NOT transfer quantitatively" + (peakSame ? " mid-training, though the peaks agree within a factor " + (int) SAME_LEVEL
                        : midSame ? " at the peak, though the mid-training levels agree within a factor " + (int) SAME_LEVEL : ""));
    }

    private static boolean within(double a, double b) {
        return a / b <= SAME_LEVEL && b / a <= SAME_LEVEL;
    }

    /** How much the fixed gradient batch moves R-bar, beside how much the training seed does. */
    public static String batchSensitivity(Table spread, Table batch) {
        List<String> parts = new ArrayList<>();
        boolean minor = true;
        int checked = 0;
        for (int i = 0; i < spread.rowCount(); i++) {
            String op = spread.stringColumn("op").get(i);
            double draws = spread.doubleColumn("draws of 512 done").getDouble(i);
            double peak = spread.doubleColumn("peak spread, 4 draws (%)").getDouble(i);
            double seeds = spread.doubleColumn("peak spread, 3 training seeds (%)").getDouble(i);
            if (draws < 4 || Double.isNaN(seeds)) continue;
            checked++;
            minor &= peak < seeds;
            Table rows = batch.where(batch.stringColumn("op").isEqualTo(op));
            parts.add(String.format("%s: four draws of 512 pairs spread the peak by %.0f%% and the final level by %.0f%%, the three training "
                            + "seeds by %.0f%%; 128 pairs peak at %.0f, 512 at %.0f, 2048 at %.0f", op, peak,
                    spread.doubleColumn("final spread, 4 draws (%)").getDouble(i), seeds, peakOf(rows, "128, seed 0"),
                    peakOf(rows, "512, seed 0"), peakOf(rows, "2048, seed 0")));
        }
        if (checked == 0) return "Gradient-batch sensitivity: not checked yet (the batch analyses are missing).";
        return String.join("; ", parts) + (minor ? ": the fixed batch moves R-bar less than the training seed does."
                : ": the fixed batch moves R-bar as much as the training seed or more, so a single batch is part of the noise.");
    }

    private static double peakOf(Table rows, String label) {
        Table r = rows.where(rows.stringColumn("gradient batch").isEqualTo(label));
        return r.isEmpty() ? Double.NaN : r.doubleColumn("peak Rbar").getDouble(0);
    }

    /** Table 2's paper cells against ours, like for like (peak R1 over 20 checkpoints), and the window trend on that statistic. */
    public static String table2LikeForLike(Table table2) {
        List<String> cells = new ArrayList<>();
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (int i = 0; i < table2.rowCount(); i++) {
            double paper = table2.doubleColumn("paper (peak R1, 20 ckpts)").getDouble(i);
            double ours = table2.doubleColumn("peak R1, 20 ckpts (author's)").getDouble(i);
            if (Double.isNaN(paper) || Double.isNaN(ours)) continue;
            // The canonical setting appears in every ablation (k=3, eps 0.005, probe seed 0 are W=20): name it once.
            String value = table2.stringColumn("value").get(i);
            String knob = table2.stringColumn("ablation").get(i);
            if (value.contains("(canonical)") || knob.equals("k")) continue;
            cells.add(String.format("%s=%s: %.0f vs %.0f", knob, value, ours, paper));
            lowest = Math.min(lowest, ours / paper);
            highest = Math.max(highest, ours / paper);
        }
        if (cells.isEmpty()) return "Table 2 like for like: not checked yet (the author-protocol analyses are missing).";
        Table w = table2.where(table2.stringColumn("ablation").isEqualTo("W"));
        double[] r1 = w.doubleColumn("peak R1, 20 ckpts (author's)").asDoubleArray();
        boolean falling = true;
        for (int i = 1; i < r1.length; i++) falling &= r1[i] < r1[i - 1];
        boolean close = lowest >= 1 / SAME_LEVEL && highest <= SAME_LEVEL;
        return String.format("On the author's statistic (peak R1 over 20 checkpoints), ours vs the paper: %s (ratios %.2f-%.2f): %s; "
                        + "peak R1 falls with every step of W: %s.", String.join(", ", cells), lowest, highest,
                close ? "within a factor " + (int) SAME_LEVEL + " everywhere, so Table 2 reproduces like for like" : "NOT within a factor "
                        + (int) SAME_LEVEL + " everywhere", falling ? "yes, as the paper says" : "no");
    }

    /**
     * Is the speed-up specific to rank 3, and are SED and random alike at every rank? Each mode is
     * compared with the control (the paper's settings) on the seeds both have trained.
     */
    public static String rank(Table rankSweep, double[] control) {
        List<String> parts = new ArrayList<>();
        boolean allFaster = true;
        boolean allAlike = true;
        List<Integer> ranks = rankSweep.where(rankSweep.stringColumn("mode").isEqualTo(Mode.C.name())).intColumn("rank").asList();
        for (int rank : ranks) {
            PairedSpeedUp c = PairedSpeedUp.of(control, seedSteps(rankSweep.where(rankSweep.intColumn("rank").isEqualTo(rank)), Mode.C), CAP);
            PairedSpeedUp e = PairedSpeedUp.of(control, seedSteps(rankSweep.where(rankSweep.intColumn("rank").isEqualTo(rank)), Mode.E), CAP);
            if (c.outcome() == PairedSpeedUp.Outcome.NOT_TRAINED || e.outcome() == PairedSpeedUp.Outcome.NOT_TRAINED) continue;
            allFaster &= c.fasterBy(SPEED_UP) && e.fasterBy(SPEED_UP);
            allAlike &= c.outcome() == PairedSpeedUp.Outcome.BOTH_GROKKED && e.outcome() == PairedSpeedUp.Outcome.BOTH_GROKKED
                    && Math.abs(c.value() - e.value()) / ((c.value() + e.value()) / 2) < ALIKE;
            parts.add(String.format("rank %d: C %s, E %s", rank, c.describe(CAP), e.describe(CAP)));
        }
        if (parts.size() < 2) return "Rank sweep: not checked yet (fewer than two ranks trained in both modes).";
        return "Speed-up over the control by rank (A's mean / the mode's mean on the seeds both trained): " + String.join("; ", parts) + ". "
                + (allFaster ? "Every rank measured speeds grokking up, so the acceleration is not specific to rank 3"
                : "Not every rank speeds grokking up by " + SPEED_UP + "x or more, so the acceleration depends on the rank")
                + (allAlike ? "; SED and random are alike at every rank (within " + Math.round(100 * ALIKE) + "%)."
                : "; SED and random differ by " + Math.round(100 * ALIKE) + "% or more at some rank.");
    }

    /**
     * Does the rank-3 speed-up survive other weight decays and learning rates? Each mode against A at
     * the same setting on the seeds both trained; a mode that does not grok where A does breaks it, one
     * that groks where A does not counts as faster by at least cap / its grok step.
     */
    public static String settings(Table settingSweep) {
        List<String> parts = new ArrayList<>();
        boolean holds = true;
        for (String setting : new LinkedHashSet<>(settingSweep.stringColumn("setting").asList())) {
            Table rows = settingSweep.where(settingSweep.stringColumn("setting").isEqualTo(setting));
            double[] control = seedSteps(rows, Mode.A);
            PairedSpeedUp c = PairedSpeedUp.of(control, seedSteps(rows, Mode.C), CAP);
            PairedSpeedUp e = PairedSpeedUp.of(control, seedSteps(rows, Mode.E), CAP);
            if (c.outcome() == PairedSpeedUp.Outcome.NOT_TRAINED || e.outcome() == PairedSpeedUp.Outcome.NOT_TRAINED) continue;
            holds &= c.fasterBy(SPEED_UP) && e.fasterBy(SPEED_UP);
            parts.add(String.format("%s: C %s, E %s", setting, c.describe(CAP), e.describe(CAP)));
        }
        if (parts.size() < 2) return "Weight-decay and learning-rate sweep: not checked yet (fewer than two settings trained).";
        return "Keeping a rank-3 subspace against A at the same setting: " + String.join("; ", parts) + ". "
                + (holds ? "The speed-up holds at every setting measured." : "The speed-up does NOT hold at every setting measured.");
    }

    /** The per-seed grok steps of one mode's row (NaN: not trained, -1: did not grok). */
    private static double[] seedSteps(Table rows, Mode mode) {
        return Section5Tables.seedSteps(rows.where(rows.stringColumn("mode").isEqualTo(mode.name())));
    }

    /** The cells of the intervention sweeps still missing, for the notebook to name. */
    public static List<String> missingRuns(SectionData limitations) {
        return limitations.missing().stream().filter(id -> id.startsWith("train/") && !id.equals("train/" + Limitations.CONTROL)
                && !id.equals("train/" + Limitations.SECOND)).toList();
    }
}
