package org.sedlab.paper.optimizer;

import java.util.List;

/**
 * A step from one direction of the optimizer to the next (estimators of the optimizer part's analyses),
 * and the contamination the paper says it adds: the claims and the tables compare median R-bar across it.
 */
public record StageTransition(String id, String from, String to, String contamination) {
    /** AdamW's stages, each against the one it is built from. */
    public static final List<StageTransition> ADAMW = List.of(
            new StageTransition("opt.momentum", "gradient", "momentum", "momentum, which mixes the gradients of past steps into the update"),
            new StageTransition("opt.adaptive-scaling", "gradient", "scaled-gradient", "adaptive scaling, the per-coordinate normalisation by sqrt(v)"),
            new StageTransition("opt.weight-decay", "adam-direction", "adam-decay", "weight decay, a theta-aligned drift"),
            new StageTransition("opt.realised-update", "adam-decay", "update", "the realised update: 25 clipped steps between checkpoints"));

    /** In multitask, the step before them: one op's gradient to the gradient of the summed loss. */
    public static final StageTransition TASKS = new StageTransition("opt.task-cancellation", "per-op-gradient", "gradient",
            "the cancellation of the ops' gradients in the summed loss");
}
