package org.sedlab.sed;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sedlab.io.Npz;
import org.sedlab.model.ParameterLayout;
import org.sedlab.model.Parameters;
import org.sedlab.optim.AdamW;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;

/**
 * The stages of AdamW between the raw gradient (gradient SED) and the realised update (update SED), as
 * SED rows: at each checkpoint, from the optimizer's state saved there ({@code train --save-optimizer-state}),
 * the attention slice of one stage's direction. Row i belongs to checkpoint i + 1, as update SED's row i
 * is the update that arrives there (the state at step 0 has no direction yet).
 */
public final class OptimizerStages implements RowSource {

    /** What each stage adds: momentum, then adaptive scaling, then decoupled decay. */
    public enum Stage {
        /** m_hat: the gradients of past steps averaged in. */
        MOMENTUM("momentum"),
        /** g / (sqrt(v_hat) + eps): this checkpoint's fixed-batch gradient (gradient SED's) scaled as Adam scales it. */
        SCALED_GRADIENT("scaled-gradient"),
        /** m_hat / (sqrt(v_hat) + eps): the step's direction before decay. */
        ADAM_DIRECTION("adam-direction"),
        /** m_hat / (sqrt(v_hat) + eps) + wd theta: the whole step, up to the learning rate. */
        ADAM_DECAY("adam-decay");

        private final String estimator;

        Stage(String estimator) { this.estimator = estimator; }

        /** The estimator's name in an analysis's --estimators. */
        public String estimator() { return estimator; }
    }

    private final INDArray matrix;

    private OptimizerStages(INDArray matrix) { this.matrix = matrix; }

    /** One stage's rows for the analysis's run; fails before any work when the run kept no optimizer state. */
    public static OptimizerStages load(EstimatorInputs in, Stage stage) {
        CheckpointSeries series = in.series();
        RunDirectory run = new RunDirectory(series.root());
        rowsOf(series);
        AdamWSettings adamW = adamW(series.root());
        ParameterLayout layout = in.model().parameters().layout();
        GradientRows gradients = stage == Stage.SCALED_GRADIENT ? GradientRows.load(in, series.task().isMultitask() ? GradientRows.TOTAL
                : series.task().ops().get(0).id()) : null;
        INDArray matrix = Nd4j.create(DataType.FLOAT, series.size() - 1, layout.attentionSize());
        for (int i = 1; i < series.size(); i++) {
            AdamW.Moments moments = AdamW.Moments.of(Npz.read(run.optimizerState(series.step(i))));
            INDArray row = switch (stage) {
                case MOMENTUM -> moments.momentum(adamW);
                case SCALED_GRADIENT -> attentionOf(layout, moments.denominator(adamW)).rdiv(gradients.row(i).castTo(DataType.DOUBLE));
                case ADAM_DIRECTION -> moments.direction(adamW);
                case ADAM_DECAY -> moments.direction(adamW).addi(series.load(i, DataType.DOUBLE).flat().mul(adamW.weightDecay()));
            };
            matrix.putRow(i - 1, stage == Stage.SCALED_GRADIENT ? row.castTo(DataType.FLOAT) : attentionOf(layout, row).castTo(DataType.FLOAT));
            in.progress().tick("optimizer stage " + stage.estimator(), i, series.size() - 1);
        }
        return new OptimizerStages(matrix);
    }

    private static INDArray attentionOf(ParameterLayout layout, INDArray flat) {
        return new Parameters(layout, flat).attention();
    }

    /** The rows a run gives: one per checkpoint after the first, each of which needs its saved state (else one line says how to get them). */
    public static int rowsOf(CheckpointSeries series) {
        RunDirectory run = new RunDirectory(series.root());
        for (int i = 1; i < series.size(); i++) {
            if (!Files.isRegularFile(run.optimizerState(series.step(i)))) {
                throw new IllegalArgumentException(series.root() + " kept no optimizer state at step " + series.step(i)
                        + ": the optimizer-stage estimators need a run trained with sedlab train ... --save-optimizer-state");
            }
        }
        return series.size() - 1;
    }

    /** AdamW's settings the run was trained with, from its run.json. */
    private static AdamWSettings adamW(Path run) {
        Path json = run.resolve("run.json");
        try {
            return new Gson().fromJson(JsonParser.parseString(Files.readString(json)).getAsJsonObject().get("config"), RunConfig.class).adamW();
        } catch (IOException e) {
            throw new UncheckedIOException("the optimizer-stage estimators read AdamW's settings from " + json, e);
        }
    }

    @Override public int size() { return (int) matrix.rows(); }

    @Override public INDArray rows(int from, int count) {
        return matrix.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
    }
}
