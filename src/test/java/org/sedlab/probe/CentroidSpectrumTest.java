package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CentroidSpectrumTest {

    /** Rows +-(a, 0, 0) and +-(0, b, 0): centred variance splits a^2 : b^2 between two axes. */
    private static INDArray twoAxes(double a, double b) {
        return Nd4j.createFromArray(new double[][]{
                {a + 1, 5, 7}, {-a + 1, 5, 7}, {1, 5 + b, 7}, {1, 5 - b, 7}});
    }

    @Test
    void explainedVarianceOfKnownCentroidsAndRank90() {
        CentroidSpectrum s = CentroidSpectrum.of(twoAxes(3, 1));
        assertArrayEquals(new double[]{0.9, 0.1, 0.0}, s.explainedVariance(), 1e-12);
        assertEquals(1, s.rank90(), "0.9 explained by the first component reaches 90 %");
        assertEquals(2, CentroidSpectrum.of(twoAxes(2, 1)).rank90(), "0.8 < 0.9 needs a second component");
        assertEquals(1, CentroidSpectrum.of(twoAxes(1, 0)).rank90(), "the column means do not count");
    }
}
