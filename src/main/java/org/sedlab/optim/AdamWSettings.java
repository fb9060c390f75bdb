package org.sedlab.optim;

/**
 * The optimizer's hyper-parameters: AdamW's, the paper's by default (lr 1e-3, betas 0.9/0.98, eps 1e-8,
 * wd 1.0), or those of another {@link UpdateRule} (SGD reads the learning rate, the decay and, with
 * momentum, beta1).
 *
 * @param rule null for the paper's AdamW: a record written before the rule existed reads back equal, and
 *             a run's recorded configuration names it only where it is not AdamW
 */
public record AdamWSettings(double learningRate, double beta1, double beta2, double eps, double weightDecay, UpdateRule rule) {
    public static final AdamWSettings PAPER = new AdamWSettings(1e-3, 0.9, 0.98, 1e-8, 1.0);

    public AdamWSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must lie in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must lie in [0, 1), got " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive, got " + eps);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        if (rule == UpdateRule.ADAMW) rule = null;
    }

    /** AdamW's settings. */
    public AdamWSettings(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
        this(learningRate, beta1, beta2, eps, weightDecay, null);
    }

    /** The rule these settings drive. */
    public UpdateRule updateRule() { return rule == null ? UpdateRule.ADAMW : rule; }

    public AdamWSettings withRule(UpdateRule rule) { return new AdamWSettings(learningRate, beta1, beta2, eps, weightDecay, rule); }

    public AdamWSettings withLearningRate(double lr) { return new AdamWSettings(lr, beta1, beta2, eps, weightDecay, rule); }

    public AdamWSettings withBetas(double b1, double b2) { return new AdamWSettings(learningRate, b1, b2, eps, weightDecay, rule); }

    public AdamWSettings withWeightDecay(double wd) { return new AdamWSettings(learningRate, beta1, beta2, eps, wd, rule); }
}
