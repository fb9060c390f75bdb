package org.sedlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.model.Parameters;

/** One training step's update pipeline: clip (all parameters) -> gradient hook -> AdamW -> update hook. */
public final class Optimizer {
    private final AdamW adamW;
    private final double clipNorm;
    private final GradientHook gradientHook;
    private final UpdateHook updateHook;

    public Optimizer(AdamW adamW, double clipNorm, GradientHook gradientHook, UpdateHook updateHook) {
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
        this.adamW = adamW;
        this.clipNorm = clipNorm;
        this.gradientHook = gradientHook;
        this.updateHook = updateHook;
    }

    public AdamW adamW() { return adamW; }

    /** Applies one update for the given step; {@code grad} is clipped and possibly rewritten in place. */
    public void step(long step, Parameters params, INDArray grad) {
        GlobalNormClip.clip(grad, clipNorm);
        if (gradientHook != GradientHook.NONE) {
            gradientHook.onGradient(step, new Parameters(params.layout(), grad).attention());
        }
        INDArray before = updateHook == UpdateHook.NONE ? null : params.attention().dup();
        adamW.step(params.flat(), grad);
        if (before != null) updateHook.onUpdate(step, before, params.attention());
    }
}
