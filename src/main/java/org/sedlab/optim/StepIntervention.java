package org.sedlab.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.model.WeightGroup;

/**
 * Rewrites one group of weights' part of every optimizer step (the attention's, in the paper) through
 * its hooks and keeps the state a resumed run needs: the paper's rank-k projections, which the
 * intervention package supplies. {@link #NONE} is plain training.
 */
public interface StepIntervention extends Stateful {
    StepIntervention NONE = new StepIntervention() {
        @Override public GradientHook gradientHook() { return GradientHook.NONE; }
        @Override public UpdateHook updateHook() { return UpdateHook.NONE; }
        @Override public long projectedSteps() { return 0; }
        @Override public Map<String, INDArray> state() { return Map.of(); }
        @Override public void restore(Map<String, INDArray> state) { }
    };

    /** The weights whose gradient or update the hooks see. */
    default WeightGroup weights() { return WeightGroup.ATTENTION; }

    /** Told the train accuracy of every evaluation, in step order (replayed on resume), before the steps that follow it. */
    default void onEvaluation(long step, double trainAccuracy) {}

    GradientHook gradientHook();

    UpdateHook updateHook();

    /** Steps on which it changed the gradient or the update. */
    long projectedSteps();
}
