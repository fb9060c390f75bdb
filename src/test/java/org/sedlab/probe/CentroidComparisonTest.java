package org.sedlab.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class CentroidComparisonTest {
    private static final double[] SCALES = {3, 2, 1, 0.5, 0.25};

    /**
     * Rows +-s_i e_i: centred, with a diagonal scatter 2 s_i^2, so the principal axes are e_1, e_2, ...
     * with variances 9 : 4 : 1 : 0.25 : 0.0625 (rank-90: 9 + 4 = 13 of 14.3125 is 0.908, so 2).
     */
    private static double[][] axes() {
        double[][] m = new double[2 * SCALES.length][SCALES.length];
        for (int i = 0; i < SCALES.length; i++) {
            m[2 * i][i] = SCALES[i];
            m[2 * i + 1][i] = -SCALES[i];
        }
        return m;
    }

    /** The rows rotated by 45 degrees in the (e_1, e_2) plane. */
    private static double[][] rotated(double[][] m) {
        double c = Math.sqrt(0.5);
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r].clone();
            out[r][0] = c * m[r][0] - c * m[r][1];
            out[r][1] = c * m[r][0] + c * m[r][1];
        }
        return out;
    }

    @Test
    void aMatrixAgainstItselfAgreesEverywhere() {
        CentroidComparison c = CentroidComparison.of(Nd4j.createFromArray(axes()), Nd4j.createFromArray(axes()));
        assertEquals(2, c.rank90First());
        assertEquals(2, c.rank90Second());
        assertEquals(1, c.meanCosine(), 1e-12);
        assertEquals(1, c.top1Cosine(), 1e-9);
        assertEquals(1, c.top3AbsoluteOverlap(), 1e-9);
        assertEquals(1, c.top3PrincipalAngleCosine(), 1e-9);
        assertEquals(4.0 / 9, c.axisRatioFirst(), 1e-12);
    }

    @Test
    void negatedCentroidsPointTheOtherWayButSpanTheSameAxes() {
        double[][] m = axes();
        double[][] negated = new double[m.length][m[0].length];
        for (int r = 0; r < m.length; r++) for (int j = 0; j < m[r].length; j++) negated[r][j] = -m[r][j];
        CentroidComparison c = CentroidComparison.of(Nd4j.createFromArray(m), Nd4j.createFromArray(negated));
        assertEquals(-1, c.meanCosine(), 1e-12);
        assertEquals(1, c.top1Cosine(), 1e-9);
        assertEquals(1, c.top3PrincipalAngleCosine(), 1e-9);
    }

    /**
     * A 45-degree rotation inside the top-3 subspace keeps that subspace (principal-angle cosines
     * 1, 1, 1) but turns the first axis by 45 degrees. The overlap V1 V2^T is
     * [[c, -c, 0], [c, c, 0], [0, 0, 1]] up to signs; its element-wise absolute value
     * [[c, c, 0], [c, c, 0], [0, 0, 1]] has singular values 2c = sqrt 2, 0 and 1: the author's score
     * is (sqrt 2 + 1) / 3 = 0.805, not 1. Each of the rows +-s_1 e_1 and +-s_2 e_2 turns by 45
     * degrees (cosine c), the other six keep their direction: mean cosine (4c + 6) / 10.
     */
    @Test
    void aRotationWithinTheTopSubspaceSeparatesTheTwoSubspaceScores() {
        double c = Math.sqrt(0.5);
        double[][] m = axes();
        CentroidComparison r = CentroidComparison.of(Nd4j.createFromArray(m), Nd4j.createFromArray(rotated(m)));
        assertEquals(c, r.top1Cosine(), 1e-9);
        assertEquals(1, r.top3PrincipalAngleCosine(), 1e-9);
        assertEquals((Math.sqrt(2) + 1) / 3, r.top3AbsoluteOverlap(), 1e-9);
        assertEquals((4 * c + 6) / 10, r.meanCosine(), 1e-12);
        assertEquals(r.rank90First(), r.rank90Second(), "a rotation keeps the spectrum");
    }

    @Test
    void matricesOfDifferentShapesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CentroidComparison.of(Nd4j.zeros(4, 3), Nd4j.zeros(5, 3)));
        assertEquals(true, e.getMessage().startsWith("centroid matrices differ in shape"));
    }
}
