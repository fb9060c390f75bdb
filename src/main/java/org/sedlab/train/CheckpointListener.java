package org.sedlab.train;

import org.sedlab.io.Npz;
import org.sedlab.model.StateDict;

/**
 * Streams the model to checkpoints/step_NNNNNN.npz, then moves the resume point (state.npz: step and
 * the optimizer's state) to it. The checkpoint is written first, so the resume point always has its model.
 */
final class CheckpointListener implements TrainingListener {
    @Override
    public void onCheckpoint(TrainingContext context, long step) {
        RunDirectory dir = context.directory();
        Npz.write(dir.checkpoint(step), StateDict.of(context.model().parameters()));
        dir.saveResumePoint(step, context.optimizer());
    }
}
