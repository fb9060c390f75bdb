package org.sedlab.paper.optimizer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.List;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sed.OptimizerStages;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.optim.UpdateRule;
import org.sedlab.sweep.Seeds;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunConfig;

/**
 * Beyond the paper (notebook 10): which stage of AdamW hides the coupling. The paper names four
 * contaminations of the update direction (momentum, adaptive scaling, weight decay, and in multitask the
 * tasks' cancellation) and tests none alone. Each run is trained keeping AdamW's state at every
 * checkpoint, and SED is estimated from every stage between the raw gradient and the realised update,
 * with the same window, k and coupling.
 */
public final class Optimizer implements Part {
    public static final String NAME = "optimizer";
    public static final List<String> OPS = List.of("add", "mul");
    /** Single-task runs per op: enough seeds for a paired sign test to decide. */
    public static final List<Long> SINGLE_TASK_SEEDS = Seeds.first(10);
    public static final List<Long> MULTITASK_SEEDS = Seeds.first(5);
    /** The stages in the order the optimizer applies them, from the raw gradient to the realised update. */
    public static final List<String> STAGES = List.of("gradient", OptimizerStages.Stage.SCALED_GRADIENT.estimator(),
            OptimizerStages.Stage.MOMENTUM.estimator(), OptimizerStages.Stage.ADAM_DIRECTION.estimator(),
            OptimizerStages.Stage.ADAM_DECAY.estimator(), "update");

    /**
     * Optimizers whose update is one of AdamW's stages (SGD: the gradient; SGD with momentum: the momentum;
     * Adam with L2: the Adam direction without decoupled decay). Only the learning rate is tuned, over
     * these grids on add seed 42, each run capped at the paper's 8000 steps; the weight decay each rule
     * gets follows from the learning rate ({@link #weightDecay}). SGD's rates are large because the clipped
     * gradient has a norm of at most 1: at lr 0.1 add seed 42 learns nothing in 2000 steps, at 2 (with
     * momentum, 0.2) it fits its training set by step 1000.
     */
    public static final Map<UpdateRule, List<Double>> LEARNING_RATES = new LinkedHashMap<>();
    static {
        LEARNING_RATES.put(UpdateRule.SGD, List.of(0.5, 1.0, 2.0, 5.0));
        LEARNING_RATES.put(UpdateRule.SGD_MOMENTUM, List.of(0.05, 0.1, 0.2, 0.5));
        LEARNING_RATES.put(UpdateRule.ADAM_L2, List.of(3e-4, 1e-3, 3e-3));
    }
    public static final String TUNING_OP = "add";
    public static final long TUNING_SEED = 42;
    /** Each other optimizer at its tuned learning rate on both ops and these seeds: ten (op, seed) pairs. */
    public static final List<Long> TUNED_SEEDS = Seeds.first(5);

    /** Adam with L2's coefficient at every learning rate ({@link #weightDecay} says why). */
    public static final double ADAM_L2_DECAY = 1e-3;

    /**
     * The L2 coefficient of an optimizer at a learning rate. The paper's AdamW shrinks every weight by
     * lr wd = 1e-3 a step; SGD's penalty shrinks it by lr wd a step, and with momentum beta by
     * lr wd / (1 - beta) once the buffer has settled, so SGD gets wd = 1e-3 (1 - beta) / lr: the same
     * decay per step at every learning rate of its grid. The paper's wd = 1 would shrink SGD's weights
     * by 50 % or more a step. Adam divides the penalty by sqrt(v) with the gradient, so no coefficient gives a
     * fixed decay: where wd theta outweighs the gradient it pulls every weight by lr a step whatever its
     * size (add seed 42 at lr 1e-3 learns nothing in 2000 steps at wd 1 or 0.01, train accuracy 0.02);
     * at {@value #ADAM_L2_DECAY} the penalty stays below the gradient while the model fits (train accuracy
     * 0.997 at step 500, the paper's AdamW 0.96 at 400).
     */
    public static double weightDecay(UpdateRule rule, double learningRate) {
        return switch (rule) {
            case ADAMW -> AdamWSettings.PAPER.weightDecay();
            case ADAM_L2 -> ADAM_L2_DECAY;
            case SGD -> perStep(BigDecimal.ONE, learningRate);
            case SGD_MOMENTUM -> perStep(BigDecimal.ONE.subtract(BigDecimal.valueOf(AdamWSettings.PAPER.beta1())), learningRate);
        };
    }

    /** 1e-3 share / lr in decimal, so that the run names read "wd0.02", not "wd0.019999999999999997". */
    private static double perStep(BigDecimal share, double learningRate) {
        BigDecimal paper = BigDecimal.valueOf(AdamWSettings.PAPER.learningRate()).multiply(BigDecimal.valueOf(AdamWSettings.PAPER.weightDecay()));
        return paper.multiply(share).divide(BigDecimal.valueOf(learningRate), MathContext.DECIMAL64).doubleValue();
    }

    /** An optimizer's run at a learning rate, with the decay it gets there. */
    public static RunConfig otherRun(UpdateRule rule, double learningRate, String op, long seed) {
        return RunConfig.forTask(op).seed(seed).updateRule(rule).learningRate(learningRate).weightDecay(weightDecay(rule, learningRate)).build();
    }

    /** A run of the learning-rate grid. */
    public static RunConfig tuningRun(UpdateRule rule, double learningRate) {
        return otherRun(rule, learningRate, TUNING_OP, TUNING_SEED);
    }

    /** Its analysis: gradient and update SED. */
    public static String otherSedId(RunConfig run) { return "sed/" + run.name(); }

    /**
     * The learning rate the grid chose for an optimizer: the one that grokked first (ties: the smaller);
     * if none grokked, the one with the best test accuracy. Empty until every run of its grid is in.
     */
    public static OptionalDouble tunedRate(UpdateRule rule, SectionData data) {
        List<Double> rates = LEARNING_RATES.get(rule);
        if (!rates.stream().allMatch(lr -> data.hasRun(tuningRun(rule, lr).name()))) return OptionalDouble.empty();
        Comparator<Double> grokFirst = Comparator.comparingLong(lr -> data.grokStep(tuningRun(rule, lr).name()).orElse(Long.MAX_VALUE));
        Comparator<Double> bestTest = Comparator.comparingDouble(lr -> -data.accuracies(tuningRun(rule, lr).name()).bestTest());
        return OptionalDouble.of(rates.stream().sorted(grokFirst.thenComparing(bestTest).thenComparing(Comparator.naturalOrder())).findFirst().orElseThrow());
    }

    @Override public String name() { return NAME; }

    @Override public boolean beyondThePaper() { return true; }

    @Override public String title() { return "Beyond the paper: SED from each stage of AdamW; other optimizers (their seeds listed once their grid is in; notebook 10)"; }

    /** Quick runs stop at step 50: 3 checkpoints (the multitask run too: every 25 steps), windows of 2 rows. */
    @Override public QuickScale quick() {
        return new QuickScale(b -> QuickScale.FIFTY_STEPS.train().apply(b).evalEvery(25).checkpointEvery(25), QuickScale.FIFTY_STEPS.analysis());
    }

    @Override public List<Claim> claims(SectionData data) { return OptimizerClaims.all(data); }

    /** The analysis of one run's stages. */
    public static String sedId(String task, long seed) { return "sed/" + UnitBuilder.runName(task, seed); }

    /** The folder the run is trained into, with its optimizer state. */
    public static String run(String task, long seed) { return UnitBuilder.runName(task, seed) + UnitBuilder.KEEPING_OPTIMIZER_STATE; }

    /**
     * The other optimizers' grid first (their seeds wait for it), then AdamW's stages seed by seed, so
     * that every seed that lands sharpens the paired statistics, multitask last (its runs are the
     * longest); each other optimizer's seeds at its tuned rate are listed once its grid is in
     * ({@code reproduce} lists the part again when a pass ends).
     */
    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        for (var rule : LEARNING_RATES.entrySet()) {
            for (double lr : rule.getValue()) units.addAll(otherOptimizer(b, tuningRun(rule.getKey(), lr)));
        }
        for (long seed : b.seeds(SINGLE_TASK_SEEDS)) {
            for (String op : OPS) units.addAll(stagesOf(b, op, seed, String.join(",", STAGES)));
        }
        for (long seed : b.seeds(MULTITASK_SEEDS)) {
            units.addAll(stagesOf(b, RunConfig.MULTITASK, seed, String.join(",", STAGES) + ",per-op-gradient"));
        }
        SectionData soFar = SectionData.soFar(this, b.earlierResults());
        for (UpdateRule rule : LEARNING_RATES.keySet()) {
            OptionalDouble lr = tunedRate(rule, soFar);
            if (lr.isEmpty()) continue;
            String grid = tuningRun(rule, lr.getAsDouble()).name();
            for (long seed : b.seeds(TUNED_SEEDS)) {
                for (String op : OPS) {
                    RunConfig run = otherRun(rule, lr.getAsDouble(), op, seed);
                    if (!run.name().equals(grid)) units.addAll(otherOptimizer(b, run));
                }
            }
        }
        return units;
    }

    /** An other optimizer's run, its weight norms, and its gradient and update SED. */
    private static List<SweepUnit> otherOptimizer(UnitBuilder b, RunConfig run) {
        List<SweepUnit> units = new ArrayList<>(b.trainWithNorms(run));
        units.add(b.analysis(otherSedId(run), run.name(), "--estimators", "gradient,update"));
        return units;
    }

    private static List<SweepUnit> stagesOf(UnitBuilder b, String task, long seed, String estimators) {
        return List.of(b.trainKeepingOptimizerState(RunConfig.forTask(task).seed(seed).build()),
                b.analysis(sedId(task, seed), run(task, seed), "--estimators", estimators));
    }
}
