package org.sedlab.sed;

/** Produces a k-dimensional attention-space basis at an evaluated checkpoint. */
public interface SedEstimator {
    /** The name used on the command line and in result tables ("update", "gradient", "random", ...). */
    String name();

    /** The basis at checkpoint {@code index} (into the run's checkpoint list). */
    SedBasis basis(int index, int k);
}
