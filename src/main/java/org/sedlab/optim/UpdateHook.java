package org.sedlab.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sees theta_attn before and after an AdamW step and may rewrite the attention update: writing into
 * {@code attentionAfter} changes the model (the paper's update-projected intervention). AdamW's
 * moments keep the natural gradient.
 */
@FunctionalInterface
public interface UpdateHook {
    UpdateHook NONE = (step, before, after) -> { };

    /**
     * @param attentionBefore a copy of theta_attn before the step
     * @param attentionAfter  live view of theta_attn after the step
     */
    void onUpdate(long step, INDArray attentionBefore, INDArray attentionAfter);
}
