package org.sedlab.paper.optimizer;

import static org.sedlab.sed.AnalysisSettings.PAPER_W;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.UpdateRule;
import org.sedlab.report.EstimatorRows;
import org.sedlab.report.PairedDifference;
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
        List<Analysed> rows = new ArrayList<>();
        for (long s : Optimizer.SINGLE_TASK_SEEDS) {
            for (String o : Optimizer.OPS) rows.add(new Analysed(o, s, Optimizer.sedId(o, s)));
        }
        return medianTable("Median R-bar of each optimizer stage (W = 20, k = 3), gradient to update", Optimizer.STAGES, rows);
    }

    /** One row of a table of medians: an analysis, and the op whose centroids its directions are coupled to. */
    private record Analysed(String op, long seed, String unit) {}

    /** Per row, the median R-bar of each stage (empty cells: not computed yet). */
    private Table medianTable(String title, List<String> stageNames, List<Analysed> rows) {
        StringColumn op = StringColumn.create("op");
        LongColumn seed = LongColumn.create("seed");
        DoubleColumn[] stages = stageNames.stream().map(DoubleColumn::create).toArray(DoubleColumn[]::new);
        for (Analysed row : rows) {
            op.append(row.op());
            seed.append(row.seed());
            for (int i = 0; i < stages.length; i++) stages[i].append(medianOf(row.unit(), stageNames.get(i), row.op()));
        }
        Table t = Table.create(title, op, seed);
        t.addColumns(stages);
        return TableStyle.rounded(t);
    }

    /** The median R-bar of one stage of an analysis against one op's centroids; NaN while the analysis is not computed. */
    private double medianOf(String unit, String stage, String op) {
        return data.has(unit) ? median(data.series(unit), stage, op) : Double.NaN;
    }

    /** The multitask runs' ops, as their analyses name them. */
    private static final List<String> MULTITASK_OPS = Task.MULTITASK_OPS.stream().map(ModOp::id).toList();

    /** The per-op gradient, then AdamW's stages: every direction a multitask run's analysis estimates. */
    private static final List<String> MULTITASK_STAGES = concat(StageTransition.TASKS.from(), Optimizer.STAGES);

    /**
     * One row per multitask run and op: the median R-bar of that op's own gradient and of each stage of
     * the summed loss's optimizer, all coupled to that op's centroids.
     */
    public Table multitaskStageMedians() {
        List<Analysed> rows = new ArrayList<>();
        for (long s : Optimizer.MULTITASK_SEEDS) {
            for (String o : MULTITASK_OPS) rows.add(new Analysed(o, s, Optimizer.sedId(RunConfig.MULTITASK, s)));
        }
        return medianTable("Multitask: median R-bar of each op's gradient and of each optimizer stage (W = 20, k = 3)", MULTITASK_STAGES, rows);
    }

    /**
     * Each step along the multitask optimizer, the cancellation of the ops' gradients first: median R-bar
     * after / before as a factor with its 95 % t interval over the multitask seeds. A seed's value is the
     * mean over its four ops of the log ratio: the ops of one run share it, so the run is the unit.
     */
    public Table multitaskTransitions() {
        StringColumn step = StringColumn.create("step");
        StringColumn contamination = StringColumn.create("what it adds");
        StringColumn factor = StringColumn.create("after / before median R-bar [95 %]");
        StringColumn lower = StringColumn.create("lower on");
        List<StageTransition> transitions = concat(StageTransition.TASKS, StageTransition.ADAMW);
        for (StageTransition t : transitions) {
            PairedDifference d = multitaskChange(t);
            step.append(t.from() + " -> " + t.to());
            contamination.append(t.contamination());
            factor.append(d.n() == 0 ? "" : d.asFactor());
            lower.append(d.n() == 0 ? "" : d.negative() + " of " + d.n() + " seeds");
        }
        return Table.create("Multitask: each stage's change of median R-bar, by seed (mean over the four ops)", step, contamination, factor, lower);
    }

    /** log median R-bar before and after one transition, per multitask seed (mean over its ops); seeds not computed are left out. */
    PairedDifference multitaskChange(StageTransition t) {
        double[] before = new double[Optimizer.MULTITASK_SEEDS.size()], after = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            String unit = Optimizer.sedId(RunConfig.MULTITASK, Optimizer.MULTITASK_SEEDS.get(i));
            double b = 0, a = 0;
            for (String o : MULTITASK_OPS) {
                b += logOrNaN(medianOf(unit, t.from(), o));
                a += logOrNaN(medianOf(unit, t.to(), o));
            }
            before[i] = b / MULTITASK_OPS.size();
            after[i] = a / MULTITASK_OPS.size();
        }
        return PairedDifference.of(before, after);
    }

    private static <T> List<T> concat(T first, List<T> rest) {
        List<T> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /**
     * The other optimizers' learning-rate grid (add, seed 42): whether each run grokked within the cap, how far
     * it got, and the median R-bar of gradient and update SED over its analysed checkpoints.
     */
    public Table otherOptimizers() {
        StringColumn rule = StringColumn.create("optimizer");
        StringColumn lr = StringColumn.create("lr");
        StringColumn wd = StringColumn.create("wd (L2)");
        DoubleColumn grok = DoubleColumn.create("grok step");
        DoubleColumn bestTest = DoubleColumn.create("best test acc");
        DoubleColumn finalTrain = DoubleColumn.create("final train acc");
        DoubleColumn gradient = DoubleColumn.create("gradient SED median R-bar");
        DoubleColumn update = DoubleColumn.create("update SED median R-bar");
        StringColumn tuned = StringColumn.create("chosen");
        for (var entry : Optimizer.LEARNING_RATES.entrySet()) {
            OptionalDouble chosen = Optimizer.tunedRate(entry.getKey(), data);
            for (double rate : entry.getValue()) {
                RunConfig run = Optimizer.tuningRun(entry.getKey(), rate);
                String name = run.name();
                boolean trained = data.hasRun(name);
                SectionData.Accuracies acc = data.accuracies(name);
                String sed = Optimizer.otherSedId(run);
                rule.append(entry.getKey().word());
                lr.append(RunConfig.plain(rate));
                wd.append(RunConfig.plain(Optimizer.weightDecay(entry.getKey(), rate)));
                grok.append(trained ? data.grokStep(name).orElse(-1) : Double.NaN);
                bestTest.append(acc.bestTest());
                finalTrain.append(acc.finalTrain());
                gradient.append(medianOf(sed, "gradient", Optimizer.TUNING_OP));
                update.append(medianOf(sed, "update", Optimizer.TUNING_OP));
                tuned.append(chosen.isPresent() && chosen.getAsDouble() == rate ? "tuned" : "");
            }
        }
        return TableStyle.rounded(Table.create("Other optimizers, add seed 42: the learning-rate grid (-1: did not grok within "
                + RunConfig.forTask(Optimizer.TUNING_OP).build().maxSteps() + " steps; chosen: the rate its seeds run at)", rule, lr, wd, grok, bestTest, finalTrain, gradient, update, tuned));
    }

    /**
     * Each optimizer's update against its own gradient at its tuned rate, over its (op, seed) runs: the
     * paper's AdamW from the stage runs on the same seeds, the others once their grid has chosen.
     */
    public Table tunedOptimizers() {
        StringColumn rule = StringColumn.create("optimizer");
        StringColumn lr = StringColumn.create("lr");
        StringColumn runs = StringColumn.create("runs grokked");
        StringColumn ratio = StringColumn.create("update / gradient median R-bar [95 %]");
        StringColumn lower = StringColumn.create("update lower on");
        for (UpdateRule r : OTHER_AND_ADAMW) {
            // the grid's choice read once per row: it reads every run record of the grid
            OptionalDouble rate = rate(r);
            List<TunedRun> tunedRuns = tuned(r, rate);
            rule.append(r.word());
            lr.append(rate.isPresent() ? RunConfig.plain(rate.getAsDouble()) : "grid not in");
            long trained = 0, grokked = 0;
            for (TunedRun t : tunedRuns) {
                if (!data.hasRun(t.run())) continue;
                trained++;
                if (data.grokStep(t.run()).isPresent()) grokked++;
            }
            runs.append(grokked + " of " + trained);
            PairedDifference d = updateAgainstGradient(tunedRuns);
            ratio.append(d.n() == 0 ? "" : d.asFactor());
            lower.append(d.n() == 0 ? "" : d.negative() + " of " + d.n());
        }
        return Table.create("Update against gradient SED at each optimizer's tuned learning rate, paired by (op, seed), seeds "
                + Optimizer.TUNED_SEEDS, rule, lr, runs, ratio, lower);
    }

    private static final List<UpdateRule> OTHER_AND_ADAMW = List.of(UpdateRule.ADAMW, UpdateRule.SGD, UpdateRule.SGD_MOMENTUM, UpdateRule.ADAM_L2);

    /**
     * log(median R-bar) of the update against that of the gradient, paired by (op, seed) over an
     * optimizer's runs at its tuned rate (AdamW: its stage runs); pairs with a missing or zero median are
     * left out.
     */
    public PairedDifference updateAgainstGradient(UpdateRule rule) {
        return updateAgainstGradient(tuned(rule, rate(rule)));
    }

    private PairedDifference updateAgainstGradient(List<TunedRun> runs) {
        double[] gradient = new double[runs.size()], update = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            TunedRun t = runs.get(i);
            gradient[i] = logOrNaN(medianOf(t.sed(), "gradient", t.op()));
            update[i] = logOrNaN(medianOf(t.sed(), "update", t.op()));
        }
        return PairedDifference.of(gradient, update);
    }

    private static double logOrNaN(double x) { return x > 0 ? Math.log(x) : Double.NaN; }

    /** One (op, seed) run of an optimizer at its tuned rate: its training's folder and its analysis. */
    private record TunedRun(String op, String run, String sed) {}

    /** The rate an optimizer's runs are compared at: the paper's for AdamW, the grid's choice for the others (empty before it chose). */
    private OptionalDouble rate(UpdateRule rule) {
        return rule == UpdateRule.ADAMW ? OptionalDouble.of(AdamWSettings.PAPER.learningRate()) : Optimizer.tunedRate(rule, data);
    }

    /** An optimizer's runs at that rate on the tuned seeds (AdamW: the paper's runs kept with their state); none without a rate. */
    private static List<TunedRun> tuned(UpdateRule rule, OptionalDouble rate) {
        List<TunedRun> runs = new ArrayList<>();
        if (rate.isEmpty()) return runs;
        for (long seed : Optimizer.TUNED_SEEDS) {
            for (String op : Optimizer.OPS) {
                if (rule == UpdateRule.ADAMW) {
                    runs.add(new TunedRun(op, Optimizer.run(op, seed), Optimizer.sedId(op, seed)));
                } else {
                    RunConfig run = Optimizer.otherRun(rule, rate.getAsDouble(), op, seed);
                    runs.add(new TunedRun(op, run.name(), Optimizer.otherSedId(run)));
                }
            }
        }
        return runs;
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
