package org.sedlab.paper.section5;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sedlab.intervention.Intervention.Flavour;
import org.sedlab.intervention.Intervention.Mode;
import org.sedlab.report.PaperNumbers;
import org.sedlab.report.SeedColumns;
import org.sedlab.report.SectionData;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Tables 4 and 5 and the weight-decay-0 result from our intervention runs: grok step
 * per seed, the mean over the seeds that grokked, the speed-up A/X, the paper's means beside. A
 * run not trained yet leaves its cell empty; a run that did not grok by the cap shows -1.
 */
public final class Section5Tables {
    public static final double DID_NOT_GROK = -1;

    private final SectionData data;

    public Section5Tables(SectionData data) { this.data = data; }

    /** Table 4: update projection. */
    public Table table4() {
        return table(Flavour.UPDATE, PaperNumbers.UPDATE_PROJECTION_MEAN,
                "Table 4: update projection, grok step (speed-up = mean A / mean X)");
    }

    /** Table 5: gradient projection (the paper gives add only). */
    public Table table5() {
        return table(Flavour.GRADIENT, PaperNumbers.GRADIENT_PROJECTION_MEAN,
                "Table 5: gradient projection, grok step (speed-up = mean A / mean X)");
    }

    private Table table(Flavour flavour, Map<String, double[]> paper, String title) {
        StringColumn op = StringColumn.create("op");
        StringColumn mode = StringColumn.create("mode");
        List<Long> shown = seedsShown();
        DoubleColumn[] seeds = SeedColumns.create(shown);
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn speedUp = DoubleColumn.create("speed-up");
        DoubleColumn paperMean = DoubleColumn.create("paper: mean");
        DoubleColumn paperSpeedUp = DoubleColumn.create("paper: speed-up");
        for (String o : Section5.OPS) {
            double controlMean = Double.NaN;
            for (Mode m : Section5.MODES) {
                op.append(o);
                mode.append(m.name());
                double[] steps = new double[seeds.length];
                for (int s = 0; s < seeds.length; s++) {
                    steps[s] = grokStep(Section5.config(o, shown.get(s), m, flavour).name());
                    seeds[s].append(steps[s]);
                }
                double meanSteps = meanOfGrokked(steps);
                if (m == Mode.A) controlMean = meanSteps;
                mean.append(meanSteps);
                speedUp.append(controlMean / meanSteps);
                double[] p = paper.get(o);
                paperMean.append(p == null ? Double.NaN : p[m.ordinal()]);
                paperSpeedUp.append(p == null ? Double.NaN : p[0] / p[m.ordinal()]);
            }
        }
        Table t = Table.create(title, op, mode);
        t.addColumns(seeds);
        t.addColumns(mean, speedUp, paperMean, paperSpeedUp);
        return TableStyle.rounded(t);
    }

    /** Modes A, C and E without weight decay (add, seed 42, gradient projection): grok step or -1, and how far test accuracy got. */
    public Table noDecay() {
        StringColumn mode = StringColumn.create("mode");
        DoubleColumn grok = DoubleColumn.create("grok step");
        DoubleColumn steps = DoubleColumn.create("steps trained");
        DoubleColumn bestTest = DoubleColumn.create("best test acc");
        DoubleColumn finalTrain = DoubleColumn.create("final train acc");
        for (Mode m : Section5.NO_DECAY_MODES) {
            String run = Section5.noDecayConfig(m).name();
            mode.append(m.name());
            boolean has = data.hasRun(run);
            grok.append(has ? data.grokStep(run).orElse((long) DID_NOT_GROK) : Double.NaN);
            steps.append(has ? data.run(run).get("steps_completed").getAsDouble() : Double.NaN);
            SectionData.Accuracies acc = data.accuracies(run);
            bestTest.append(acc.bestTest());
            finalTrain.append(acc.finalTrain());
        }
        return TableStyle.rounded(Table.create("Weight decay 0 (add, seed 42, gradient projection; cap "
                + PaperNumbers.NO_DECAY_CAP + " steps, -1: did not grok)", mode, grok, steps, bestTest, finalTrain));
    }

    /** The grok step of a run, -1 if it did not grok, NaN if it is not trained yet. */
    public double grokStep(String run) {
        if (!data.hasRun(run)) return Double.NaN;
        return data.grokStep(run).orElse((long) DID_NOT_GROK);
    }

    /** The mean over seeds that grokked; NaN when none has a result yet or none grokked. */
    public static double meanOfGrokked(double[] steps) {
        return Statistics.mean(Arrays.stream(steps).filter(s -> !Double.isNaN(s) && s != DID_NOT_GROK).toArray());
    }

    /** The seeds the tables show: the paper's, then each further seed whose control run (add) is trained. */
    public List<Long> seedsShown() {
        return SeedColumns.shown(Section5.SEEDS, seed -> data.hasRun(Section5.config(Section5.OPS.get(0), seed, Mode.A, Flavour.GRADIENT).name()));
    }

    /** The per-seed grok steps of one mode, in column order (NaN: not trained, -1: did not grok). */
    public static double[] perSeed(Table table, String op, Mode mode) {
        return SeedColumns.cells(table.where(table.stringColumn("op").isEqualTo(op).and(table.stringColumn("mode").isEqualTo(mode.name()))));
    }
}
