package org.sedlab.sed;

import static org.sedlab.sed.EstimatorKind.Scope.PER_OP;
import static org.sedlab.sed.EstimatorKind.Scope.SHARED;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of SED estimators, shaped like the sections' registry: an estimator is added by its
 * class and one line here. The analysis asks it for each name in its settings.
 */
public final class Estimators {
    private static final Estimators STANDARD = new Estimators(List.of(
            new EstimatorKind("update", SHARED, false, s -> s.size() - 1, (in, op) ->
                    in.windowed("update", AttentionTrajectory.load(in.series(), in.cacheDir(), in.progress()).updates())),
            new EstimatorKind("gradient", SHARED, false, CheckpointSeries::size, (in, op) ->
                    in.windowed("gradient", GradientRows.load(in, in.series().task().isMultitask() ? GradientRows.TOTAL
                            : in.series().task().ops().get(0).id()))),
            new EstimatorKind("per-op-gradient", PER_OP, true, CheckpointSeries::size, (in, op) ->
                    in.windowed("per-op-gradient", GradientRows.load(in, op.id()))),
            stage(OptimizerStages.Stage.MOMENTUM), stage(OptimizerStages.Stage.SCALED_GRADIENT),
            stage(OptimizerStages.Stage.ADAM_DIRECTION), stage(OptimizerStages.Stage.ADAM_DECAY),
            new EstimatorKind(FisherLanczosEstimator.NAME, PER_OP, false, null, (in, op) ->
                    List.of(new FisherLanczosEstimator(in, op))),
            new EstimatorKind(RandomEstimator.NAME, SHARED, false, null, (in, op) ->
                    List.of(new RandomEstimator(in.model().parameters().layout().attentionSize(), in.settings().seed())))));

    private final List<EstimatorKind> kinds;

    /**
     * One stage of AdamW between gradient and update, windowed over the rows update SED's windows slide
     * over; those rows exist only where the run kept its optimizer state, which counting them checks.
     */
    private static EstimatorKind stage(OptimizerStages.Stage stage) {
        return new EstimatorKind(stage.estimator(), SHARED, false, OptimizerStages::rowsOf, (in, op) ->
                in.windowed(stage.estimator(), OptimizerStages.load(in, stage)));
    }

    public Estimators(List<EstimatorKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /**
     * The paper's estimators and ours: update, gradient, per-op-gradient, the optimizer's stages between
     * them (momentum, scaled-gradient, adam-direction, adam-decay), fisher-lanczos, random.
     */
    public static Estimators standard() { return STANDARD; }

    /** This registry and one more estimator. */
    public Estimators with(EstimatorKind kind) {
        List<EstimatorKind> more = new ArrayList<>(kinds);
        more.add(kind);
        return new Estimators(more);
    }

    public List<String> names() { return kinds.stream().map(EstimatorKind::name).toList(); }

    /** The estimator of that name; an unknown name fails with the known ones. */
    public EstimatorKind named(String name) {
        for (EstimatorKind k : kinds) if (k.name().equals(name)) return k;
        throw new IllegalArgumentException("unknown estimator '" + name + "': choose from " + names());
    }
}
