package org.sedlab.train;

import java.io.PrintStream;
import java.util.List;

/**
 * A hook into training, in the spirit of DJL's TrainingListener: checkpointing, metrics, progress
 * and live charts are all listeners. Every method has an empty default.
 */
public interface TrainingListener {

    default void onTrainingBegin(TrainingContext context) {}

    /** After every optimiser step, with the batch loss. */
    default void onStep(TrainingContext context, long step, double loss) {}

    /** After every evaluation on the full splits (step 0 included). */
    default void onEvaluation(TrainingContext context, Evaluation evaluation) {}

    /** At every checkpoint step (step 0 and the final step included). */
    default void onCheckpoint(TrainingContext context, long step) {}

    default void onTrainingEnd(TrainingContext context, RunResult result) {}

    /** Ready-made listener sets. */
    final class Defaults {
        private Defaults() {}

        /** What every run records: checkpoints with the resume state, and metrics.csv. */
        public static List<TrainingListener> record() {
            return List.of(new MetricsListener(), new CheckpointListener());
        }

        /** The optimizer's state at every checkpoint too (optimizer/), for studies of its stages; three times a model's size each. */
        public static TrainingListener optimizerStates() {
            return new OptimizerStateListener();
        }

        /** A progress line on the console. */
        public static List<TrainingListener> console(PrintStream out) {
            return List.of(new ProgressListener(out));
        }
    }
}
