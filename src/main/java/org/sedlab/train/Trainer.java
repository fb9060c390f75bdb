package org.sedlab.train;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.data.Batch;
import org.sedlab.data.Split;
import org.sedlab.data.Task;
import org.sedlab.io.FileClaim;
import org.sedlab.io.Npz;
import org.sedlab.model.GrokTransformer;
import org.sedlab.model.Objective;
import org.sedlab.model.StateDict;
import org.sedlab.optim.Optimizer;
import org.sedlab.optim.StepIntervention;
import org.sedlab.data.RandomStreams;

/**
 * Trains one run into a run directory: batches of the configured size drawn with replacement from
 * the train split, clip + AdamW, full-split evaluation and a checkpoint at the configured intervals,
 * stopping at the grok step. A directory holding an unfinished run of the same configuration is
 * resumed from its last checkpoint (optimiser state included) and ends as an uninterrupted run would.
 */
public final class Trainer {
    private final RunConfig config;
    private final List<TrainingListener> listeners;

    public Trainer(RunConfig config, List<TrainingListener> extraListeners) {
        this.config = config;
        List<TrainingListener> all = new ArrayList<>(TrainingListener.Defaults.record());
        all.addAll(extraListeners);
        this.listeners = List.copyOf(all);
    }

    /** Whether the optimizer's state is kept at every checkpoint too: the disk a run needs is then three times a model's a checkpoint. */
    private boolean keepsOptimizerState() {
        return listeners.stream().anyMatch(OptimizerStateListener.class::isInstance);
    }

    /**
     * Trains into {@code dir}, resuming what is there; a finished run is returned as it is. A run whose
     * disk may not hold its checkpoints is refused before it starts ({@link RunFootprint}).
     */
    public RunResult train(RunDirectory dir) {
        try (FileClaim claim = dir.claim()) {
            return trainClaimed(dir);
        }
    }

    private RunResult trainClaimed(RunDirectory dir) {
        RunRecord record = RunRecord.open(dir, config);
        Optional<RunResult> done = record.finished();
        if (done.isPresent()) return done.get();
        RunFootprint.requireRoom(config, keepsOptimizerState(), dir.root());

        long started = System.nanoTime();
        Task task = config.toTask();
        RandomStreams streams = new RandomStreams(config.seed());
        Split split = Split.of(task, config.trainFraction(), streams);
        GrokTransformer model = GrokTransformer.initialised(task, config.seed(), config.dataType());
        List<Evaluation> history = new ArrayList<>();
        // The intervention is configuration: at work, it is the optimizer's gradient or update hook.
        StepIntervention intervention = config.intervention() == null ? StepIntervention.NONE
                : config.intervention().atWork(model.parameters().layout(), streams);
        Optimizer optimizer = Optimizer.of(model.parameters(), config.adamW(), config.clipNorm(), intervention);
        // A run killed after its step-0 state is resumed at step 0: only a fresh run evaluates step 0.
        boolean fresh = !Files.exists(dir.resumeState());
        long start = fresh ? 0 : resume(dir, model, optimizer, history);
        for (Evaluation e : history) intervention.onEvaluation(e.step(), e.minTrainAccuracy());
        Evaluator evaluator = new Evaluator(model, split);
        TrainingContext context = new TrainingContext(config, dir, model, optimizer, split, history);

        record.begin(start);
        listeners.forEach(l -> l.onTrainingBegin(context));
        if (fresh) {
            addEvaluation(context, evaluator.evaluate(model, 0), history);
            checkpoint(context, record, 0, started);
        }

        INDArray grad = Nd4j.zeros(config.dataType(), model.parameters().layout().size());
        OptionalLong grokStep = config.grokRule().grokStep(history);
        long step = start;
        OptionalLong divergedAt = OptionalLong.empty();
        while (step < config.maxSteps() && !(config.stopAtGrok() && grokStep.isPresent())) {
            step++;
            Batch batch = Batch.of(task, split.train().sample(config.batchSize(), streams.stream("batch", step)));
            double loss = model.lossAndGradient(batch, Objective.crossEntropy(), grad);
            // Past a non-finite loss every later step is NaN too: stop before it reaches a checkpoint.
            if (!Double.isFinite(loss)) {
                divergedAt = OptionalLong.of(step);
                break;
            }
            optimizer.step(step, model.parameters(), grad);
            for (TrainingListener l : listeners) l.onStep(context, step, loss);
            if (config.evaluatesAt(step)) {
                Evaluation e = evaluator.evaluate(model, step);
                if (!e.isFinite()) {
                    divergedAt = OptionalLong.of(step);
                    break;
                }
                addEvaluation(context, e, history);
                grokStep = config.grokRule().grokStep(history);
            }
            boolean last = step == config.maxSteps() || (config.stopAtGrok() && grokStep.isPresent());
            if (step % config.checkpointEvery() == 0 || last) checkpoint(context, record, step, started);
        }

        RunResult.Status status = divergedAt.isPresent() ? RunResult.Status.DIVERGED
                : grokStep.isPresent() ? RunResult.Status.GROKKED
                : config.stopAtGrok() ? RunResult.Status.DID_NOT_GROK : RunResult.Status.MAX_STEPS;
        long completed = divergedAt.isPresent() ? divergedAt.getAsLong() - 1 : step;
        RunResult result = new RunResult(status, grokStep, config.grokRule().headGrokSteps(history), completed,
                record.totalSeconds(seconds(started)), divergedAt, intervention.projectedSteps());
        record.end(result, GrokRule.firstStepAtOrAbove(history, 0.5));
        listeners.forEach(l -> l.onTrainingEnd(context, result));
        return result;
    }

    private void addEvaluation(TrainingContext context, Evaluation e, List<Evaluation> history) {
        history.add(e);
        context.optimizer().intervention().onEvaluation(e.step(), e.minTrainAccuracy());
        for (TrainingListener l : listeners) l.onEvaluation(context, e);
    }

    private void checkpoint(TrainingContext context, RunRecord record, long step, long started) {
        for (TrainingListener l : listeners) l.onCheckpoint(context, step);
        record.progress(step, seconds(started));
    }

    /** Restores model, optimiser and history from the saved resume state; returns the step to continue after. */
    private static long resume(RunDirectory dir, GrokTransformer model, Optimizer optimizer, List<Evaluation> history) {
        long step = dir.restoreResumePoint(optimizer);
        model.parameters().flat().assign(StateDict.toParameters(Npz.read(dir.checkpoint(step)), model.task(),
                model.parameters().dataType(), dir.checkpoint(step).toString()).flat());
        for (Evaluation e : dir.readMetrics()) {
            if (e.step() <= step) history.add(e);
        }
        return step;
    }

    private static double seconds(long startedNanos) { return (System.nanoTime() - startedNanos) / 1e9; }
}
