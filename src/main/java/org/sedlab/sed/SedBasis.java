package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Orthonormal directions of the attention space (one per row, unit norm, sign arbitrary) with the
 * singular values they came from (NaN where an estimator has none, e.g. random directions).
 */
public record SedBasis(INDArray directions, double[] singularValues) {
    public int size() { return (int) directions.rows(); }

    public INDArray direction(int i) { return directions.getRow(i); }
}
