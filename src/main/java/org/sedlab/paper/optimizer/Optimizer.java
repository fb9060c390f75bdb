package org.sedlab.paper.optimizer;

import java.util.ArrayList;
import java.util.List;
import org.sedlab.paper.Part;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sed.OptimizerStages;
import java.util.LinkedHashMap;
import java.util.Map;
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
     * Adam with L2: the Adam direction without decoupled decay), each at a few learning rates on add seed
     * 42, the one setting tuned; capped at the paper's 8000 steps. Update SED against gradient SED on each.
     */
    public static final Map<UpdateRule, List<Double>> LEARNING_RATES = new LinkedHashMap<>();
    static {
        LEARNING_RATES.put(UpdateRule.SGD, List.of(0.03, 0.1, 0.3, 1.0));
        LEARNING_RATES.put(UpdateRule.SGD_MOMENTUM, List.of(0.003, 0.01, 0.03, 0.1));
        LEARNING_RATES.put(UpdateRule.ADAM_L2, List.of(3e-4, 1e-3, 3e-3));
    }
    public static final String TUNING_OP = "add";
    public static final long TUNING_SEED = 42;

    /** A run of the learning-rate grid. */
    public static RunConfig tuningRun(UpdateRule rule, double learningRate) {
        return RunConfig.forTask(TUNING_OP).seed(TUNING_SEED).updateRule(rule).learningRate(learningRate).build();
    }

    /** Its analysis: gradient and update SED. */
    public static String tuningSedId(RunConfig run) { return "sed/" + run.name(); }

    @Override public String name() { return NAME; }

    @Override public boolean beyondThePaper() { return true; }

    @Override public String title() { return "Beyond the paper: SED from each stage of AdamW, gradient to update (notebook 10)"; }

    /** Quick runs stop at step 50: 3 checkpoints (the multitask run too: every 25 steps), windows of 2 rows. */
    @Override public QuickScale quick() {
        return new QuickScale(b -> QuickScale.FIFTY_STEPS.train().apply(b).evalEvery(25).checkpointEvery(25), QuickScale.FIFTY_STEPS.analysis());
    }

    @Override public List<Claim> claims(SectionData data) { return OptimizerClaims.all(data); }

    /** The analysis of one run's stages. */
    public static String sedId(String task, long seed) { return "sed/" + UnitBuilder.runName(task, seed); }

    /** The folder the run is trained into, with its optimizer state. */
    public static String run(String task, long seed) { return UnitBuilder.runName(task, seed) + UnitBuilder.KEEPING_OPTIMIZER_STATE; }

    /** Seed by seed, so that every seed that lands sharpens the paired statistics; multitask last (its runs are the longest). */
    @Override
    public List<SweepUnit> units(UnitBuilder b) {
        List<SweepUnit> units = new ArrayList<>();
        for (long seed : b.seeds(SINGLE_TASK_SEEDS)) {
            for (String op : OPS) units.addAll(stagesOf(b, op, seed, String.join(",", STAGES)));
        }
        for (long seed : b.seeds(MULTITASK_SEEDS)) {
            units.addAll(stagesOf(b, RunConfig.MULTITASK, seed, String.join(",", STAGES) + ",per-op-gradient"));
        }
        for (var rule : LEARNING_RATES.entrySet()) {
            for (double lr : rule.getValue()) {
                RunConfig run = tuningRun(rule.getKey(), lr);
                units.addAll(b.trainWithNorms(run));
                units.add(b.analysis(tuningSedId(run), run.name(), "--estimators", "gradient,update"));
            }
        }
        return units;
    }

    private static List<SweepUnit> stagesOf(UnitBuilder b, String task, long seed, String estimators) {
        return List.of(b.trainKeepingOptimizerState(RunConfig.forTask(task).seed(seed).build()),
                b.analysis(sedId(task, seed), run(task, seed), "--estimators", estimators));
    }
}
