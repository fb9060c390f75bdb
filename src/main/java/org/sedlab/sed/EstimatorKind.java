package org.sedlab.sed;

import java.util.List;
import java.util.function.ToIntFunction;
import org.sedlab.data.ModOp;

/**
 * An SED estimator the analysis can score, by name: whether it is built once for every op or once per
 * op, whether it needs a multitask run, how many rows its windows slide over, and how to build it.
 *
 * @param windowRows the rows its W-windows slide over in a run (checked before any loading), or null
 *                   for an estimator without windows
 */
public record EstimatorKind(String name, Scope scope, boolean needsMultitask, ToIntFunction<CheckpointSeries> windowRows, Factory factory) {
    /** SHARED: one estimator scores every op; PER_OP: each op gets its own, from its own loss. */
    public enum Scope { SHARED, PER_OP }

    /** Builds the estimator's instances (one per window size for a windowed one). */
    @FunctionalInterface
    public interface Factory {
        /** @param op the op for a PER_OP estimator; null for a SHARED one */
        List<SedEstimator> create(EstimatorInputs inputs, ModOp op);
    }

    public boolean windowed() { return windowRows != null; }
}
