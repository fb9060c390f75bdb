package org.sedlab.train;

import java.io.PrintStream;

/** A one-line progress report every ten evaluations: step, accuracies, grok count, and speed. */
final class ProgressListener implements TrainingListener {
    private final PrintStream out;
    private long lastStep;
    private long lastNanos;

    ProgressListener(PrintStream out) { this.out = out; }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        lastNanos = System.nanoTime();
        lastStep = context.history().isEmpty() ? 0 : context.history().get(context.history().size() - 1).step();
        RunConfig c = context.config();
        out.printf("training %s p=%d seed=%d up to %d steps -> %s%n", c.task(), c.p(), c.seed(), c.maxSteps(),
                context.directory().root());
    }

    @Override
    public void onEvaluation(TrainingContext context, Evaluation e) {
        RunConfig c = context.config();
        if (e.step() % (10L * c.evalEvery()) != 0) return;
        long now = System.nanoTime();
        double msPerStep = e.step() > lastStep ? (now - lastNanos) / 1e6 / (e.step() - lastStep) : 0;
        lastNanos = now;
        lastStep = e.step();
        int width = 24;
        int filled = (int) Math.round(width * (double) e.step() / Math.max(1, c.maxSteps()));
        out.printf("[%s%s] step %5d/%d  train acc %.3f  test acc %.3f  %.1f ms/step%n",
                "#".repeat(filled), ".".repeat(width - filled), e.step(), c.maxSteps(),
                e.minTrainAccuracy(), e.minTestAccuracy(), msPerStep);
    }

    @Override
    public void onTrainingEnd(TrainingContext context, RunResult result) {
        out.printf("%s after %d steps (%s), %.1f s%n", result.status(), result.stepsCompleted(),
                result.grokStep().isPresent() ? "grok step " + result.grokStep().getAsLong() : "no grok step",
                result.wallSeconds());
    }
}
