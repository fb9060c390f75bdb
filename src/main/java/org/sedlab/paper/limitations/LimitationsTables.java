package org.sedlab.paper.limitations;

import static org.sedlab.sed.AnalysisSettings.PAPER_K;
import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.sedlab.intervention.Intervention;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.paper.section3.Section3;
import org.sedlab.paper.section3.Section3Tables;
import org.sedlab.paper.section5.Section5;
import org.sedlab.paper.section5.Section5Tables;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.PairedSpeedUp;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.Peak;
import org.sedlab.report.SectionData;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The paper's Limitations measured, from data/limitations with Section 3's and Section 5's results
 * for the paper-setting cells: the two centroids compared, gradient SED with the full centroid,
 * gradient SED's dependence on its fixed batch, Table 2 on the author's ablation protocol, and the
 * rank-3 intervention at other ranks, weight decays and learning rates. A unit not computed yet
 * leaves its cells empty.
 */
public final class LimitationsTables {
    static final String SPEED_UP = "speed-up vs A";
    static final List<String> PHASES = List.of("init", "mid", "post-grok");
    static final List<String> BATCH_OPS = List.of(Limitations.CONTROL_OP, Limitations.SECOND_OP);

    private final SectionData data;
    private final SectionData section3;
    private final Section5Tables section5Runs;
    private final Section5Tables limitationRuns;
    /** The seeds the sweep tables show: the paper's, then each further seed of the sweep whose control (Section 5's) is trained. */
    private final List<Long> sweepSeeds;

    public LimitationsTables(SectionData limitations, SectionData section3, SectionData section5) {
        this.data = limitations;
        this.section3 = section3;
        this.section5Runs = new Section5Tables(section5);
        this.limitationRuns = new Section5Tables(limitations);
        this.sweepSeeds = SeedColumns.shown(Limitations.SEEDS, seed -> !Double.isNaN(section5Runs.grokStep(paperCell(seed, Mode.A))));
    }

    /** The simplified against the full centroid at checkpoints 0, n/2 and n-1 of add seed 42, beside the paper's numbers. */
    public Table centroids() {
        Table ours = data.has(Limitations.CENTROIDS) ? data.table(Limitations.CENTROIDS, "centroids.csv") : null;
        int rows = ours == null ? 0 : ours.rowCount();
        StringColumn phase = StringColumn.create("phase", PHASES.subList(0, rows));
        Table t = Table.create("Simplified vs full centroid (add, seed 42, 1024 probes)", phase);
        if (ours == null) return t;
        IntColumn paperSimplified = IntColumn.create("paper: rank-90 simplified");
        IntColumn paperFull = IntColumn.create("paper: rank-90 full");
        DoubleColumn paperTop1 = DoubleColumn.create("paper: top-1 cosine");
        for (int i = 0; i < rows; i++) {
            paperSimplified.append(PaperNumbers.CENTROID_RANK90[i][0]);
            paperFull.append(PaperNumbers.CENTROID_RANK90[i][1]);
            paperTop1.append(i == rows - 1 ? PaperNumbers.CENTROID_TOP1_AT_CONVERGENCE : Double.NaN);
        }
        t.addColumns(ours.longColumn("step").copy(), ours.intColumn("rank90_simplified").copy().setName("rank-90 simplified"),
                paperSimplified, ours.intColumn("rank90_full").copy().setName("rank-90 full"), paperFull,
                ours.doubleColumn("mean_cosine").copy().setName("mean cosine"),
                ours.doubleColumn("top1_cosine").copy().setName("top-1 cosine"), paperTop1,
                ours.doubleColumn("top3_absolute_overlap").copy().setName("top-3 (author's |V1 V2'|)"),
                ours.doubleColumn("top3_principal_angle_cosine").copy().setName("top-3 (principal angles)"),
                ours.doubleColumn("axis_ratio_simplified").copy().setName("lambda2/lambda1 simplified"),
                ours.doubleColumn("axis_ratio_full").copy().setName("lambda2/lambda1 full"));
        return TableStyle.rounded(t);
    }

    /**
     * The simplified centroid's rank-90 at the first, middle and last analysed checkpoint of every add run of
     * Section 3 (its gradient-SED analyses): how much the value at each phase moves with the training seed.
     */
    public Table simplifiedRank90OverSeeds() {
        LongColumn seed = LongColumn.create("seed");
        IntColumn[] phases = PHASES.stream().map(p -> IntColumn.create("rank-90 " + p)).toArray(IntColumn[]::new);
        for (long s : Section3.SEEDS) {
            String unit = Section3.sedId(UnitBuilder.runName(Limitations.CONTROL_OP, s));
            if (!section3.has(unit)) continue;
            Table rows = EstimatorRows.select(section3.series(unit), "gradient", Limitations.CONTROL_OP, PAPER_W);
            int n = rows.rowCount();
            seed.append(s);
            int[] at = {0, n / 2, n - 1};
            for (int i = 0; i < phases.length; i++) phases[i].append(rows.intColumn("rank90").get(at[i]));
        }
        Table t = Table.create("Simplified centroid's rank-90 at the first, middle and last analysed checkpoint of each add run (Section 3)", seed);
        t.addColumns(phases);
        return t;
    }

    /** Gradient SED (W 20, k 3) on add seed 42 measured with each centroid on the same checkpoints: peak, mid-training and final R-bar. */
    public Table fullCentroid() {
        StringColumn centroid = StringColumn.create("centroid");
        DoubleColumn peak = DoubleColumn.create("peak Rbar");
        DoubleColumn peakStep = DoubleColumn.create("at step");
        DoubleColumn mid = DoubleColumn.create("mid-training Rbar");
        DoubleColumn last = DoubleColumn.create("final Rbar");
        addLevels(centroid, peak, peakStep, mid, last, "simplified", Limitations.gradientId(Limitations.CONTROL));
        addLevels(centroid, peak, peakStep, mid, last, "full", Limitations.FULL_CENTROID);
        return TableStyle.rounded(Table.create("Gradient SED with the simplified and the full centroid (add, seed 42, W=20, k=3; "
                + "mid-training: the evaluated checkpoint nearest half the run)", centroid, peak, peakStep, mid, last));
    }

    private void addLevels(StringColumn name, DoubleColumn peak, DoubleColumn peakStep, DoubleColumn mid, DoubleColumn last,
                           String label, String unit) {
        name.append(label);
        Table series = data.has(unit) ? data.series(unit) : null;
        appendPeak(series, Limitations.CONTROL_OP, peak, peakStep, last);
        mid.append(series == null ? Double.NaN : midTraining(EstimatorRows.select(series, "gradient", Limitations.CONTROL_OP, PAPER_W)));
    }

    /** Gradient SED's peak, its step and the last R-bar (W 20, k 3) of one op; empty cells (NaN) without a series. */
    private static void appendPeak(Table series, String op, DoubleColumn peak, DoubleColumn peakStep, DoubleColumn last) {
        Peak p = series == null ? null : Peak.of(series, "gradient", op, PAPER_W, PAPER_K);
        peak.append(p == null ? Double.NaN : p.peak());
        peakStep.append(p == null ? Double.NaN : p.peakStep());
        last.append(p == null ? Double.NaN : p.last());
    }

    /** R-bar at the evaluated checkpoint nearest half the last step. */
    static double midTraining(Table rows) {
        long half = (long) rows.longColumn("step").max() / 2;
        int best = 0;
        for (int i = 1; i < rows.rowCount(); i++) {
            if (Math.abs(rows.longColumn("step").get(i) - half) < Math.abs(rows.longColumn("step").get(best) - half)) best = i;
        }
        return rows.doubleColumn("Rbar").getDouble(best);
    }

    /** Gradient SED on add and mul seed 42 with batches of 128, 512 (four draws) and 2048 pairs: peak and final R-bar. */
    public Table gradientBatch() {
        StringColumn op = StringColumn.create("op");
        StringColumn batch = StringColumn.create("gradient batch");
        DoubleColumn peak = DoubleColumn.create("peak Rbar");
        DoubleColumn peakStep = DoubleColumn.create("at step");
        DoubleColumn last = DoubleColumn.create("final Rbar");
        for (String o : BATCH_OPS) {
            for (BatchVariant v : batchVariants(o)) {
                op.append(o);
                batch.append(v.label());
                appendPeak(data.has(v.unit()) ? data.series(v.unit()) : null, o, peak, peakStep, last);
            }
        }
        return TableStyle.rounded(Table.create("Gradient SED against its fixed batch (seed 42, W=20, k=3)", op, batch, peak, peakStep, last));
    }

    /** One analysis of the batch study: the reference batch (512 pairs, seed 0) or another. */
    record BatchVariant(String label, String unit, int size) {}

    static List<BatchVariant> batchVariants(String op) {
        String run = UnitBuilder.runName(op, Limitations.SEED);
        List<BatchVariant> variants = new ArrayList<>();
        variants.add(new BatchVariant("512, seed 0", Limitations.gradientId(run), 512));
        for (int seed : Limitations.BATCH_SEEDS) variants.add(new BatchVariant("512, seed " + seed, Limitations.batchSeedId(run, seed), 512));
        for (int size : Limitations.BATCH_SIZES) variants.add(new BatchVariant(size + ", seed 0", Limitations.batchSizeId(run, size), size));
        return variants;
    }

    /**
     * The spread of the batch study beside the spread between training seeds: per op, (max - min) / mean
     * of the peak and of the final R-bar over the four draws of 512 pairs, and of the peak over the
     * three training seeds of Table 1 (each with its own canonical batch).
     */
    public Table gradientBatchSpread() {
        Table all = gradientBatch();
        StringColumn op = StringColumn.create("op");
        DoubleColumn draws = DoubleColumn.create("draws of 512 done");
        DoubleColumn peakSpread = DoubleColumn.create("peak spread, 4 draws (%)");
        DoubleColumn finalSpread = DoubleColumn.create("final spread, 4 draws (%)");
        DoubleColumn seedSpread = DoubleColumn.create("peak spread, 3 training seeds (%)");
        for (String o : BATCH_OPS) {
            Table rows = all.where(all.stringColumn("op").isEqualTo(o).and(all.stringColumn("gradient batch").startsWith("512,")));
            double[] peaks = present(rows.doubleColumn("peak Rbar"));
            op.append(o);
            draws.append(peaks.length);
            peakSpread.append(peaks.length < 2 ? Double.NaN : 100 * relativeRange(peaks));
            double[] finals = present(rows.doubleColumn("final Rbar"));
            finalSpread.append(finals.length < 2 ? Double.NaN : 100 * relativeRange(finals));
            List<Double> seedPeaks = new ArrayList<>();
            for (long seed : PaperNumbers.SEEDS) {
                String unit = Section3.sedId(UnitBuilder.runName(o, seed));
                if (section3.has(unit)) seedPeaks.add(Peak.of(section3.series(unit), "gradient", o, PAPER_W, PAPER_K).peak());
            }
            seedSpread.append(seedPeaks.size() < 2 ? Double.NaN : 100 * relativeRange(seedPeaks.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return TableStyle.rounded(Table.create("Spread of gradient-SED R-bar: redrawn batch vs training seed ((max - min) / mean)",
                op, draws, peakSpread, finalSpread, seedSpread));
    }

    static double[] present(DoubleColumn c) {
        return c.removeMissing().asDoubleArray();
    }

    static double relativeRange(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return (max - min) / Statistics.mean(v);
    }

    /**
     * Table 2 twice: our statistic (peak R-bar over 40 checkpoints, Section 3) and the author's (peak
     * R_1 over 20 checkpoints, as his ablation script computes it), with peak R-bar over those 20
     * beside; the paper's numbers are the author's statistic.
     */
    public Table table2AuthorProtocol() {
        Table ours = new Section3Tables(section3).table2();
        DoubleColumn r1 = DoubleColumn.create("peak R1, 20 ckpts (author's)");
        DoubleColumn rbar = DoubleColumn.create("peak Rbar, 20 ckpts");
        for (int i = 0; i < ours.rowCount(); i++) {
            String knob = ours.stringColumn("ablation").get(i);
            String value = ours.stringColumn("value").get(i).replace(" (canonical)", "");
            AuthorCell cell = authorCell(knob, value);
            if (!data.has(cell.unit())) {
                r1.appendMissing();
                rbar.appendMissing();
                continue;
            }
            Table series = data.series(cell.unit());
            r1.append(Peak.of(series, "gradient", Limitations.CONTROL_OP, cell.w(), 1).peak());
            rbar.append(Peak.of(series, "gradient", Limitations.CONTROL_OP, cell.w(), cell.k()).peak());
        }
        Table t = Table.create("Table 2 on both protocols (gradient SED, add, seed 42); the paper's cells are peak R1 over 20 checkpoints",
                ours.stringColumn("ablation"), ours.stringColumn("value"), ours.doubleColumn("peak Rbar").copy().setName("peak Rbar, 40 ckpts (ours)"),
                rbar, r1, ours.doubleColumn("paper").copy().setName("paper (peak R1, 20 ckpts)"));
        return TableStyle.rounded(t);
    }

    private record AuthorCell(String unit, int w, int k) {}

    private static AuthorCell authorCell(String knob, String value) {
        return switch (knob) {
            case "W" -> new AuthorCell(Limitations.AUTHOR_WINDOWS, Integer.parseInt(value), Math.min(PAPER_K, Integer.parseInt(value)));
            case "k" -> new AuthorCell(Limitations.AUTHOR_WINDOWS, PAPER_W, Integer.parseInt(value));
            case "eps_rel" -> value.equals("0.005") ? new AuthorCell(Limitations.AUTHOR_WINDOWS, PAPER_W, PAPER_K)
                    : new AuthorCell(Limitations.authorEpsId(value), PAPER_W, PAPER_K);
            case "probe seed" -> value.equals("0") ? new AuthorCell(Limitations.AUTHOR_WINDOWS, PAPER_W, PAPER_K)
                    : new AuthorCell(Limitations.authorProbeSeedId(Integer.parseInt(value)), PAPER_W, PAPER_K);
            default -> throw new IllegalStateException("Table 2 has no ablation " + knob);
        };
    }

    /** Grok step against the projector's rank (gradient flavour, add): modes C and E, with Section 5's rank 3 and control. */
    public Table rankSweep() {
        List<Integer> ranks = Stream.concat(Limitations.RANKS.stream(), Stream.of(Intervention.PAPER_RANK))
                .sorted().toList();
        StringColumn mode = StringColumn.create("mode");
        IntColumn rank = IntColumn.create("rank");
        SweepCells cells = new SweepCells(sweepSeeds);
        double[] control = controlSteps();
        for (Mode m : Limitations.RANK_MODES) {
            for (int r : ranks) {
                mode.append(m.name());
                rank.append(r);
                cells.add(grokSteps(seed -> r == Intervention.PAPER_RANK ? section5Runs.grokStep(paperCell(seed, m))
                        : limitationRuns.grokStep(Limitations.rankConfig(seed, m, r).name())), control);
            }
        }
        return cells.table("Grok step against the projector's rank (add, gradient projection; rank 3: Section 5; "
                + "speed-up: A's mean / the mode's mean over the seeds both trained; -1: did not grok)", mode, rank);
    }

    /** The control's per-seed grok steps at the paper's settings (Section 5's plain runs). */
    public double[] controlSteps() {
        return grokSteps(seed -> section5Runs.grokStep(paperCell(seed, Mode.A)));
    }

    /** Modes A, C and E (rank 3, gradient projection, add) at weight decay 0.3, 1 (the paper's), 3 and learning rate 3e-4, 1e-3, 3e-3. */
    public Table settingSweep() {
        StringColumn setting = StringColumn.create("setting");
        StringColumn mode = StringColumn.create("mode");
        SweepCells cells = new SweepCells(sweepSeeds);
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("paper: lambda 1, lr 1e-3", null, null));
        settings.addAll(sweptSettings());
        for (Setting st : settings) {
            double[] control = null;
            for (Mode m : Limitations.SETTING_MODES) {
                setting.append(st.label());
                mode.append(m.name());
                double[] steps = grokSteps(seed -> st.isPaper() ? section5Runs.grokStep(paperCell(seed, m))
                        : limitationRuns.grokStep(Limitations.settingConfig(seed, m, st.weightDecay(), st.learningRate()).name()));
                if (m == Mode.A) control = steps; // A comes first: each mode against A at its own setting
                cells.add(steps, control);
            }
        }
        return cells.table("The rank-3 intervention at other weight decays and learning rates (add, gradient projection; "
                + "speed-up: A's mean at the same setting / the mode's mean over the seeds both trained, an A that did not grok counted at the cap; "
                + "-1: did not grok within 8000 steps)", setting, mode);
    }

    /** Section 5's run of one mode at the paper's settings (gradient projection, add). */
    private static String paperCell(long seed, Mode mode) {
        return Section5.config(Limitations.SWEPT_OP, seed, mode, Flavour.GRADIENT).name();
    }

    /** Grok steps per shown seed, in column order. */
    private double[] grokSteps(LongToDoubleFunction stepOfSeed) {
        return sweepSeeds.stream().mapToDouble(stepOfSeed::applyAsDouble).toArray();
    }

    /** The per-seed, mean and speed-up columns of a sweep table, a row at a time. */
    private static final class SweepCells {
        private final DoubleColumn[] seeds;
        private final DoubleColumn mean = DoubleColumn.create("mean");
        private final DoubleColumn speedUp = DoubleColumn.create(SPEED_UP);

        SweepCells(List<Long> seeds) { this.seeds = SeedColumns.create(seeds); }

        void add(double[] steps, double[] control) {
            for (int s = 0; s < seeds.length; s++) seeds[s].append(steps[s]);
            mean.append(Section5Tables.meanOfGrokked(steps));
            speedUp.append(PairedSpeedUp.of(control, steps, Limitations.CAP).value());
        }

        Table table(String title, Column<?>... keys) {
            Table t = Table.create(title, keys);
            t.addColumns(seeds);
            t.addColumns(mean, speedUp);
            return TableStyle.rounded(t);
        }
    }

    /**
     * Every run of the weight-decay and learning-rate sweep that did not grok within the cap, with its best
     * train and test accuracy: whether it fitted its training set and failed to generalise, or did not fit at all.
     */
    public Table notGrokked() {
        StringColumn run = StringColumn.create("run");
        DoubleColumn bestTrain = DoubleColumn.create("best train acc");
        DoubleColumn finalTrain = DoubleColumn.create("final train acc");
        DoubleColumn bestTest = DoubleColumn.create("best test acc");
        for (Setting st : sweptSettings()) {
            for (Mode m : Limitations.SETTING_MODES) {
                for (long seed : Limitations.SEEDS) {
                    String name = Limitations.settingConfig(seed, m, st.weightDecay(), st.learningRate()).name();
                    if (limitationRuns.grokStep(name) != Section5Tables.DID_NOT_GROK) continue;
                    SectionData.Accuracies acc = data.accuracies(name);
                    run.append(name);
                    bestTrain.append(acc.bestTrain());
                    finalTrain.append(acc.finalTrain());
                    bestTest.append(acc.bestTest());
                }
            }
        }
        return TableStyle.rounded(Table.create("Runs of the lambda and lr sweep that did not grok within the cap", run, bestTrain,
                finalTrain, bestTest));
    }

    private static List<Setting> sweptSettings() {
        List<Setting> settings = new ArrayList<>();
        for (double wd : Limitations.WEIGHT_DECAYS) settings.add(new Setting("lambda " + RunConfig.plain(wd), wd, null));
        for (double lr : Limitations.LEARNING_RATES) settings.add(new Setting("lr " + RunConfig.plain(lr), null, lr));
        return settings;
    }

    private record Setting(String label, Double weightDecay, Double learningRate) {
        boolean isPaper() { return weightDecay == null && learningRate == null; }
    }


}
