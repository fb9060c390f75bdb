package org.sedlab.optim;

import java.util.Locale;

/**
 * How a run turns its gradient into a step: the paper's AdamW, or an optimizer whose update is one of
 * AdamW's stages (the raw gradient, the momentum, the Adam direction without decoupled decay), for
 * asking which stage hides the coupling. The non-AdamW rules put the weight decay in the gradient as an
 * L2 penalty, wd * theta, as PyTorch's SGD and Adam do with their weight_decay.
 */
public enum UpdateRule {
    ADAMW("adamw", "AdamW, decoupled decay (the paper's)"),
    ADAM_L2("adam-l2", "Adam with the decay as an L2 penalty in the gradient"),
    SGD("sgd", "SGD: theta -= lr (g + wd theta)"),
    SGD_MOMENTUM("sgd-momentum", "SGD with momentum beta1: b = beta1 b + (g + wd theta), theta -= lr b");

    private final String word;
    private final String description;

    UpdateRule(String word, String description) {
        this.word = word;
        this.description = description;
    }

    /** Its name on the command line and in run names: "sgd-momentum". */
    public String word() { return word; }

    public String description() { return description; }

    public static UpdateRule parse(String name) {
        for (UpdateRule r : values()) if (r.word.equals(name.trim().toLowerCase(Locale.ROOT))) return r;
        throw new IllegalArgumentException("unknown optimizer '" + name + "': choose adamw (the paper's), adam-l2, sgd or sgd-momentum");
    }
}
