package org.sedlab.sed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;

/**
 * fisher-lanczos as an SED estimator: at each evaluated checkpoint, its own basis (no window) from one
 * op's per-example gradient covariance on the per-example batch. On a multitask model there is one
 * per op, each with its op's own loss.
 */
public final class FisherLanczosEstimator implements SedEstimator {
    public static final String NAME = "fisher-lanczos";

    private final CheckpointSeries series;
    private final GrokTransformer model;
    private final ModOp op;
    private final Pairs batch;
    private final FisherSettings settings;
    private final Progress progress;
    private final List<Map<String, Object>> notConverged = new ArrayList<>();

    public FisherLanczosEstimator(EstimatorInputs in, ModOp op) {
        this.series = in.series();
        this.model = in.model();
        this.op = op;
        this.batch = PerExampleBatch.draw(series.task(), op, in.settings().gradientBatch(), in.settings().seed());
        this.settings = in.settings().fisher();
        this.progress = in.progress();
    }

    @Override public String name() { return NAME; }

    @Override
    public SedBasis basis(int index, int k) {
        series.loadInto(index, model);
        FisherLanczos.Result r = FisherLanczos.topK(model, series.task().head(op), batch, k, settings);
        progress.say(String.format("fisher-lanczos %s at step %d: %d eigenpairs in %d products%s", op.id(), series.step(index),
                k, r.products(), r.converged() ? "" : " (not converged: the product cap was reached)"));
        if (!r.converged()) {
            Map<String, Object> note = new LinkedHashMap<>();
            note.put("estimator", NAME);
            note.put("op", op.id());
            note.put("step", series.step(index));
            note.put("products", r.products());
            note.put("reason", "not converged: the product cap was reached before every Ritz residual met the tolerance");
            notConverged.add(note);
        }
        return r.basis();
    }

    @Override public List<Map<String, Object>> shortfalls() { return List.copyOf(notConverged); }
}
