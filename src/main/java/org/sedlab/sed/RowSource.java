package org.sedlab.sed;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A sequence of attention-space vectors (updates or gradients), one per row, read a window at a time. */
public interface RowSource {
    int size();

    /** Rows from .. from+count-1 as a (count, P) matrix. */
    INDArray rows(int from, int count);
}
