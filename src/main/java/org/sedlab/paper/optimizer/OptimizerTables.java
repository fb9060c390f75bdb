package org.sedlab.paper.optimizer;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import org.sedlab.report.EstimatorRows;
import org.sedlab.report.SectionData;
import org.sedlab.report.Statistics;
import org.sedlab.report.TableStyle;
import org.sedlab.train.RunConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Median R-bar over checkpoints of every optimizer stage, per op and seed (empty cells: not computed yet). */
public final class OptimizerTables {
    private final SectionData data;

    public OptimizerTables(SectionData data) { this.data = data; }

    /**
     * One row per single-task run: the median R-bar (W = 20, k = 3) of each stage over the analysed
     * checkpoints. The median, not the peak: a peak may sit in the window that starts at initialisation.
     */
    public Table stageMedians() {
        StringColumn op = StringColumn.create("op");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn[] stages = Optimizer.STAGES.stream().map(DoubleColumn::create).toArray(DoubleColumn[]::new);
        for (long s : Optimizer.SINGLE_TASK_SEEDS) {
            for (String o : Optimizer.OPS) {
                op.append(o);
                seed.append(s);
                String unit = Optimizer.sedId(o, s);
                Table series = data.has(unit) ? data.series(unit) : null;
                for (int i = 0; i < stages.length; i++) stages[i].append(series == null ? Double.NaN : median(series, Optimizer.STAGES.get(i), o));
            }
        }
        Table t = Table.create("Median R-bar of each optimizer stage (W = 20, k = 3), gradient to update", op, seed);
        t.addColumns(stages);
        return TableStyle.rounded(t);
    }

    /**
     * The other optimizers' learning-rate grid (add, seed 42): whether each run grokked within the cap, how far
     * it got, and the median R-bar of gradient and update SED over its analysed checkpoints.
     */
    public Table otherOptimizers() {
        StringColumn rule = StringColumn.create("optimizer");
        StringColumn lr = StringColumn.create("lr");
        DoubleColumn grok = DoubleColumn.create("grok step");
        DoubleColumn bestTest = DoubleColumn.create("best test acc");
        DoubleColumn finalTrain = DoubleColumn.create("final train acc");
        DoubleColumn gradient = DoubleColumn.create("gradient SED median R-bar");
        DoubleColumn update = DoubleColumn.create("update SED median R-bar");
        for (var entry : Optimizer.LEARNING_RATES.entrySet()) {
            for (double rate : entry.getValue()) {
                RunConfig run = Optimizer.tuningRun(entry.getKey(), rate);
                String name = run.name();
                boolean trained = data.hasRun(name);
                SectionData.Accuracies acc = data.accuracies(name);
                String sed = Optimizer.tuningSedId(run);
                Table series = data.has(sed) ? data.series(sed) : null;
                rule.append(entry.getKey().word());
                lr.append(RunConfig.plain(rate));
                grok.append(trained ? data.grokStep(name).orElse(-1) : Double.NaN);
                bestTest.append(acc.bestTest());
                finalTrain.append(acc.finalTrain());
                gradient.append(series == null ? Double.NaN : median(series, "gradient", Optimizer.TUNING_OP));
                update.append(series == null ? Double.NaN : median(series, "update", Optimizer.TUNING_OP));
            }
        }
        return TableStyle.rounded(Table.create("Other optimizers, add seed 42: the learning-rate grid (-1: did not grok within "
                + RunConfig.forTask(Optimizer.TUNING_OP).build().maxSteps() + " steps)", rule, lr, grok, bestTest, finalTrain, gradient, update));
    }

    /** One stage's R-bar at each analysed checkpoint of one run: {steps, R-bar}; empty when not computed. */
    public double[][] series(String op, long seed, String stage) {
        String unit = Optimizer.sedId(op, seed);
        if (!data.has(unit)) return new double[][]{{}, {}};
        Table series = data.series(unit);
        Table rows = EstimatorRows.select(series, stage, op, analysedWindow(series));
        return new double[][]{rows.longColumn("step").asDoubleArray(), rows.doubleColumn("Rbar").asDoubleArray()};
    }

    /** The median R-bar of one estimator over a run's analysed checkpoints, at the paper's W (a quick analysis has only its own). */
    private static double median(Table series, String stage, String op) {
        Table rows = EstimatorRows.select(series, stage, op, analysedWindow(series));
        return Statistics.median(rows.doubleColumn("Rbar").removeMissing().asDoubleArray());
    }

    /** The paper's W where the analysis has it, else the one it has (a quick sweep's). */
    private static int analysedWindow(Table series) {
        return series.intColumn("W").contains(PAPER_W) ? PAPER_W : (int) series.intColumn("W").min();
    }
}
