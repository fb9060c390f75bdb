package org.sedlab.sed;

import java.util.List;
import java.util.Map;

/** Produces a k-dimensional attention-space basis at an evaluated checkpoint. */
public interface SedEstimator {
    /** The name used on the command line and in result tables ("update", "gradient", "random", ...). */
    String name();

    /** The rolling-window size W of a windowed estimator; 0 for one without a window. */
    default int window() { return 0; }

    /** The basis at checkpoint {@code index} (into the run's checkpoint list). */
    SedBasis basis(int index, int k);

    /** What it could not do as asked so far (one map per occasion), for the analysis record. */
    default List<Map<String, Object>> shortfalls() { return List.of(); }
}
