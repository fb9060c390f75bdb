package org.sedlab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.io.Npz;
import org.sedlab.model.StateDict;

/**
 * Streams the model to checkpoints/step_NNNNNN.npz, then moves the resume point (state.npz: step,
 * AdamW moments and an intervention's buffer) to it. The checkpoint is written first, so the resume point always has its model.
 */
final class CheckpointListener implements TrainingListener {
    @Override
    public void onCheckpoint(TrainingContext context, long step) {
        RunDirectory dir = context.directory();
        Npz.write(dir.checkpoint(step), StateDict.of(context.model().parameters()));
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("step", Nd4j.createFromArray(step));
        state.put("adam_steps", Nd4j.createFromArray(context.adamW().steps()));
        state.put("exp_avg", context.adamW().firstMoment());
        state.put("exp_avg_sq", context.adamW().secondMoment());
        if (context.projection() != null) state.putAll(context.projection().state());
        Npz.write(dir.resumeState(), state);
    }
}
