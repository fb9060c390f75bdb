package org.sedlab.train;

import org.sedlab.io.Npz;

/**
 * Keeps the optimizer's state beside every checkpoint (optimizer/step_NNNNNN.npz, the keys of the
 * resume point): what a study of the optimizer's stages needs at each analysed checkpoint (AdamW's
 * first and second moments), which the resume point keeps for the last checkpoint only.
 */
final class OptimizerStateListener implements TrainingListener {
    @Override
    public void onCheckpoint(TrainingContext context, long step) {
        Npz.write(context.directory().optimizerState(step), context.optimizer().state());
    }
}
