package org.sedlab.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.model.Parameters;
import org.sedlab.model.WeightGroup;

/**
 * One training step's update pipeline: clip (all parameters) -> gradient hook -> AdamW (or the run's
 * other update rule) -> update hook, the hooks an intervention's. Its state is its parts': the update
 * rule's, then the intervention's.
 */
public final class Optimizer implements Stateful {
    private final ParameterUpdate update;
    private final double clipNorm;
    private final StepIntervention intervention;
    /** Where the weights the hooks see lie in the flat vector. */
    private final WeightGroup.Slice weights;
    private final GradientHook gradientHook;
    private final UpdateHook updateHook;

    private Optimizer(ParameterUpdate update, double clipNorm, StepIntervention intervention, WeightGroup.Slice weights) {
        if (!(clipNorm > 0)) throw new IllegalArgumentException("clip norm must be positive, got " + clipNorm);
        this.update = update;
        this.clipNorm = clipNorm;
        this.intervention = intervention;
        this.weights = weights;
        this.gradientHook = intervention.gradientHook();
        this.updateHook = intervention.updateHook();
    }

    /** A fresh optimizer for {@code params} (AdamW's moments, or SGD's buffer, at zero, in their precision); {@link StepIntervention#NONE} for plain training. */
    public static Optimizer of(Parameters params, AdamWSettings settings, double clipNorm, StepIntervention intervention) {
        return new Optimizer(ParameterUpdate.of(settings, params.layout().size(), params.dataType()), clipNorm, intervention,
                intervention.weights().slice(params.layout()));
    }

    /** The update rule at work: AdamW's (the paper's) or another's. */
    public ParameterUpdate update() { return update; }

    /** The intervention whose hooks rewrite each step ({@link StepIntervention#NONE} for plain training). */
    public StepIntervention intervention() { return intervention; }

    /** Applies one update for the given step; {@code grad} is clipped and possibly rewritten in place. */
    public void step(long step, Parameters params, INDArray grad) {
        GlobalNormClip.clip(grad, clipNorm);
        if (gradientHook != GradientHook.NONE) {
            INDArray g = weights.gather(grad);
            gradientHook.onGradient(step, g);
            weights.scatter(grad, g);
        }
        INDArray before = updateHook == UpdateHook.NONE ? null : weights.gather(params.flat()).dup();
        update.step(params.flat(), grad);
        if (before != null) {
            INDArray after = weights.gather(params.flat());
            updateHook.onUpdate(step, before, after);
            weights.scatter(params.flat(), after);
        }
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>(update.state());
        state.putAll(intervention.state());
        return state;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        update.restore(state);
        intervention.restore(state);
    }
}
