package org.sedlab.optim;

/** AdamW's hyper-parameters; the defaults are the paper's (lr 1e-3, betas 0.9/0.98, eps 1e-8, wd 1.0). */
public record AdamWSettings(double learningRate, double beta1, double beta2, double eps, double weightDecay) {
    public static final AdamWSettings PAPER = new AdamWSettings(1e-3, 0.9, 0.98, 1e-8, 1.0);

    public AdamWSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must lie in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must lie in [0, 1), got " + beta2);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive, got " + eps);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
    }
}
