package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.linalg.SymmetricEigen;

class RollingSvdTest {

    @Test
    void gramRouteEqualsDenseSvdUpToSign() {
        Nd4j.getRandom().setSeed(11);
        for (int trial = 0; trial < 5; trial++) {
            INDArray x = Nd4j.randn(DataType.DOUBLE, 6, 40);
            SedBasis basis = RollingSvd.topK(x, 3);
            // Dense route: the right singular vectors are the eigenvectors of the P x P matrix X^T X.
            SymmetricEigen dense = SymmetricEigen.of(x.transpose().mmul(x).toDoubleMatrix());
            for (int i = 0; i < 3; i++) {
                INDArray expected = Nd4j.createFromArray(dense.vector(i));
                double cos = Math.abs(basis.direction(i).mul(expected).sumNumber().doubleValue());
                assertEquals(1.0, cos, 1e-9, "direction " + i);
                assertEquals(Math.sqrt(dense.values()[i]), basis.singularValues()[i], 1e-9);
                for (int j = 0; j < i; j++) {
                    assertEquals(0.0, basis.direction(i).mul(basis.direction(j)).sumNumber().doubleValue(), 1e-10);
                }
            }
        }
    }

    @Test
    void rankDeficientWindowsGiveOnlyTheDirectionsThatExist() {
        INDArray r = Nd4j.createFromArray(3.0, 0.0, 4.0, 0.0);
        INDArray x = Nd4j.vstack(r, r.mul(2), r.mul(-1));
        SedBasis basis = RollingSvd.topK(x, 3);
        assertEquals(1, basis.size());
        assertEquals(1.0, Math.abs(basis.direction(0).mul(r.div(5)).sumNumber().doubleValue()), 1e-12);
        SedBasis single = RollingSvd.topK(r.reshape(1, 4), 3);
        assertEquals(1, single.size(), "W = 1 gives the normalised row");
        assertTrue(RollingSvd.topK(Nd4j.zeros(DataType.DOUBLE, 3, 4), 2).size() == 0, "an all-zero window has no direction");
    }

    @Test
    void windowsAreClampedAtBothEndsOfTheRun() {
        assertEquals(0, Window.FORWARD.start(0, 100, 20));
        assertEquals(50, Window.FORWARD.start(50, 100, 20));
        assertEquals(80, Window.FORWARD.start(95, 100, 20));
        assertEquals(80, Window.FORWARD.start(99, 100, 20));
        assertEquals(0, Window.TRAILING.start(0, 100, 20));
        assertEquals(0, Window.TRAILING.start(10, 100, 20));
        assertEquals(31, Window.TRAILING.start(50, 100, 20));
        assertEquals(80, Window.TRAILING.start(99, 100, 20));
        assertEquals(7, Window.FORWARD.start(7, 100, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Window.FORWARD.start(0, 10, 20));
        assertTrue(e.getMessage().contains("larger than the 10 rows"), e.getMessage());
    }

    @Test
    void randomBasisIsOrthonormalAndReproducible() {
        RandomEstimator random = new RandomEstimator(500, 3);
        SedBasis a = random.basis(4, 3);
        SedBasis b = random.basis(4, 3);
        assertEquals(a.directions(), b.directions());
        INDArray gram = a.directions().castTo(DataType.DOUBLE).mmul(a.directions().castTo(DataType.DOUBLE).transpose());
        assertTrue(gram.equalsWithEps(Nd4j.eye(3).castTo(DataType.DOUBLE), 1e-5), gram.toString());
        assertTrue(!random.basis(5, 3).directions().equals(a.directions()), "redrawn per checkpoint");
    }
}
