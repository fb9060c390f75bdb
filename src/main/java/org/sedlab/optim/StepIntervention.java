package org.sedlab.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rewrites the attention part of every optimizer step through its hooks and keeps the state a resumed
 * run needs: the paper's rank-k projections, which the intervention package supplies. {@link #NONE}
 * is plain training.
 */
public interface StepIntervention extends Stateful {
    StepIntervention NONE = new StepIntervention() {
        @Override public GradientHook gradientHook() { return GradientHook.NONE; }
        @Override public UpdateHook updateHook() { return UpdateHook.NONE; }
        @Override public long projectedSteps() { return 0; }
        @Override public Map<String, INDArray> state() { return Map.of(); }
        @Override public void restore(Map<String, INDArray> state) { }
    };

    GradientHook gradientHook();

    UpdateHook updateHook();

    /** Steps on which it changed the gradient or the update. */
    long projectedSteps();
}
