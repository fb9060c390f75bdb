package org.sedlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sees the clipped gradient before AdamW and may rewrite its attention slice in place; AdamW's
 * moments then see the rewritten gradient (the paper's gradient-projected intervention).
 */
@FunctionalInterface
public interface GradientHook {
    GradientHook NONE = (step, attentionGradient) -> { };

    /** @param attentionGradient live view of the gradient's attention slice, to modify in place */
    void onGradient(long step, INDArray attentionGradient);
}
