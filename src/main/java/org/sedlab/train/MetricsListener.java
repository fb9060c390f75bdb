package org.sedlab.train;

import org.sedlab.data.ModOp;

/** Keeps metrics.csv equal to the evaluation history, rewriting it atomically after each evaluation. */
final class MetricsListener implements TrainingListener {
    @Override
    public void onEvaluation(TrainingContext context, Evaluation evaluation) {
        context.directory().writeMetrics(context.history(), context.model().task().ops().stream().map(ModOp::id).toList());
    }
}
