package org.sedlab.train;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.intervention.Intervention;
import org.sedlab.optim.UpdateRule;
import org.sedlab.optim.AdamWSettings;

/**
 * Everything that defines a training run, immutable; build one with {@link #singleTask(ModOp)} or
 * {@link #multitask()}, which start from the paper's settings for that kind of run.
 *
 * @param task "add", "sub", "mul", "sq" or "multitask"
 * @param evalAtStepOne also evaluate after the first step (the multitask trainers do)
 * @param precision "float32" (the paper's) or "float64" (for checks)
 * @param intervention the rank-k projection applied every step, or null for plain training
 */
public record RunConfig(String task, int p, long seed, AdamWSettings adamW, double clipNorm, int batchSize,
                        double trainFraction, int maxSteps, int evalEvery, boolean evalAtStepOne, int checkpointEvery,
                        GrokRule grokRule, boolean stopAtGrok, String precision, Intervention intervention) {

    public static final String MULTITASK = "multitask";

    public RunConfig {
        toTask(task, p);
        if (batchSize <= 0) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        if (maxSteps < 0) throw new IllegalArgumentException("max steps must be >= 0, got " + maxSteps);
        if (evalEvery <= 0) throw new IllegalArgumentException("evaluation interval must be positive, got " + evalEvery);
        if (checkpointEvery <= 0 || checkpointEvery % evalEvery != 0) {
            throw new IllegalArgumentException("checkpoint interval must be a positive multiple of the evaluation interval ("
                    + evalEvery + "), got " + checkpointEvery);
        }
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
        dataType(precision);
        if (intervention != null && dataType(precision) != DataType.FLOAT) {
            throw new IllegalArgumentException("interventions run in float32 (their projection works on float32 buffers): drop --precision "
                    + precision + " or the --intervention");
        }
        if (adamW.updateRule() != UpdateRule.ADAMW && dataType(precision) != DataType.FLOAT) {
            throw new IllegalArgumentException("the " + adamW.updateRule().word() + " optimizer runs in float32: drop --precision " + precision);
        }
        if (intervention != null && MULTITASK.equals(task)) {
            throw new IllegalArgumentException("interventions are defined for single-task runs (the paper's Section 5), not multitask");
        }
    }

    /** Whether a run evaluates (a row of metrics.csv) at this step: the initial model, every evalEvery steps, and step 1 if asked. */
    public boolean evaluatesAt(long step) {
        return step % evalEvery == 0 || (step == 1 && evalAtStepOne);
    }

    /** The paper's settings for a task named as on the command line: an op or "multitask". */
    public static Builder forTask(String task) {
        return MULTITASK.equals(task) ? multitask() : singleTask(ModOp.parse(task));
    }

    public static Builder singleTask(ModOp op) { return new Builder(op.id(), 25, 25, GrokRule.SINGLE_TASK); }

    /** The author's multitask trainers: evaluate at step 1 and every 100, checkpoint every 200, cap 300,000 steps. */
    public static Builder multitask() {
        Builder b = new Builder(MULTITASK, 100, 200, GrokRule.MULTITASK);
        b.evalAtStepOne = true;
        b.maxSteps = 300_000;
        return b;
    }

    /**
     * The run's name in folders and tables: op and seed, then what differs from the paper's run:
     * the intervention, weight decay, learning rate ("add-42", "multitask-137", "add-42-C-grad",
     * "add-42-A-grad-wd0").
     */
    public String name() {
        StringBuilder name = new StringBuilder(task).append('-').append(seed);
        if (intervention != null) name.append('-').append(intervention.name());
        if (adamW.weightDecay() != AdamWSettings.PAPER.weightDecay()) name.append("-wd").append(plain(adamW.weightDecay()));
        if (adamW.learningRate() != AdamWSettings.PAPER.learningRate()) name.append("-lr").append(plain(adamW.learningRate()));
        if (batchSize != forTask(task).build().batchSize()) name.append("-b").append(batchSize);
        if (adamW.rule() != null) name.append('-').append(adamW.rule().word());
        return name.toString();
    }

    /** A number as it appears in run names: 0.3, 3, 0.0003. */
    public static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    public Task toTask() { return toTask(task, p); }

    public DataType dataType() { return dataType(precision); }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        Builder b = new Builder(task, evalEvery, checkpointEvery, grokRule);
        b.p = p;
        b.seed = seed;
        b.adamW = adamW;
        b.clipNorm = clipNorm;
        b.batchSize = batchSize;
        b.trainFraction = trainFraction;
        b.maxSteps = maxSteps;
        b.stopAtGrok = stopAtGrok;
        b.evalAtStepOne = evalAtStepOne;
        b.precision = precision;
        b.intervention = intervention;
        return b;
    }

    private static Task toTask(String task, int p) {
        if (task == null) throw new IllegalArgumentException("a run needs a task: an op or 'multitask'");
        return MULTITASK.equals(task) ? Task.multitask(p) : Task.single(ModOp.parse(task), p);
    }

    private static DataType dataType(String precision) {
        return switch (String.valueOf(precision).toLowerCase(Locale.ROOT)) {
            case "float32" -> DataType.FLOAT;
            case "float64" -> DataType.DOUBLE;
            default -> throw new IllegalArgumentException("precision must be float32 or float64, got " + precision);
        };
    }

    /** Fluent builder; unset values are the paper's. */
    public static final class Builder {
        private final String task;
        private int p = 97;
        private long seed = 42;
        private AdamWSettings adamW = AdamWSettings.PAPER;
        private double clipNorm = 1.0;
        private int batchSize = 512;
        private double trainFraction = 0.5;
        private int maxSteps = 8000;
        private int evalEvery;
        private int checkpointEvery;
        private GrokRule grokRule;
        private boolean stopAtGrok = true;
        private boolean evalAtStepOne;
        private String precision = "float32";
        private Intervention intervention;

        private Builder(String task, int evalEvery, int checkpointEvery, GrokRule grokRule) {
            this.task = task;
            this.evalEvery = evalEvery;
            this.checkpointEvery = checkpointEvery;
            this.grokRule = grokRule;
        }

        public Builder p(int p) { this.p = p; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder adamW(AdamWSettings adamW) { this.adamW = adamW; return this; }
        public Builder learningRate(double lr) {
            this.adamW = adamW.withLearningRate(lr);
            return this;
        }
        public Builder betas(double beta1, double beta2) {
            this.adamW = adamW.withBetas(beta1, beta2);
            return this;
        }
        public Builder weightDecay(double wd) {
            this.adamW = adamW.withWeightDecay(wd);
            return this;
        }

        /** Train with another optimizer than the paper's AdamW (its learning rate, decay and beta1 as set). */
        public Builder updateRule(UpdateRule rule) {
            this.adamW = adamW.withRule(rule);
            return this;
        }
        public Builder clipNorm(double clipNorm) { this.clipNorm = clipNorm; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        public Builder trainFraction(double f) { this.trainFraction = f; return this; }
        public Builder maxSteps(int maxSteps) { this.maxSteps = maxSteps; return this; }
        public Builder evalEvery(int steps) { this.evalEvery = steps; return this; }
        public Builder evalAtStepOne(boolean evaluate) { this.evalAtStepOne = evaluate; return this; }
        public Builder checkpointEvery(int steps) { this.checkpointEvery = steps; return this; }
        public Builder grokRule(GrokRule rule) { this.grokRule = rule; return this; }
        public Builder stopAtGrok(boolean stop) { this.stopAtGrok = stop; return this; }
        public Builder precision(String precision) { this.precision = precision; return this; }
        public Builder intervention(Intervention intervention) { this.intervention = intervention; return this; }

        public RunConfig build() {
            return new RunConfig(task, p, seed, adamW, clipNorm, batchSize, trainFraction, maxSteps,
                    evalEvery, evalAtStepOne, checkpointEvery, grokRule, stopAtGrok, precision, intervention);
        }
    }
}
