package org.sedlab.linalg;

/** A symmetric linear map known only by its product with a vector (the Fisher matrix is never stored). */
public interface LinearOperator {
    /** The length of the vectors it maps. */
    int dimension();

    /** Writes A x into {@code out} (both of length {@link #dimension()}; {@code x} is not modified). */
    void apply(double[] x, double[] out);
}
