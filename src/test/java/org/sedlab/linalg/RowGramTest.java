package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** X X^T and X^T u against sums written out, on whole matrices, runs of rows (views) and double storage. */
class RowGramTest {
    @Test
    void gramAndCombinationOfAMatrixARunOfItsRowsAndADoubleCopy() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 9, 700).subi(0.5);
        INDArray run = whole.get(NDArrayIndex.interval(3, 7), NDArrayIndex.all());
        for (INDArray x : new INDArray[]{whole, run, run.castTo(DataType.DOUBLE), whole.transpose().dup().transpose()}) {
            double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] g = RowGram.of(x);
            double[] u = new double[rows.length];
            for (int i = 0; i < u.length; i++) u[i] = i - 1.5;
            double[] v = RowGram.combine(x, u);
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < rows.length; j++) {
                    double want = 0;
                    for (int c = 0; c < rows[i].length; c++) want = Math.fma(rows[i][c], rows[j][c], want);
                    assertEquals(want, g[i][j], 0, "G[" + i + "][" + j + "]");
                }
            }
            double[] want = new double[rows[0].length];
            for (int c = 0; c < want.length; c++) for (int r = 0; r < rows.length; r++) want[c] = Math.fma(u[r], rows[r][c], want[c]);
            assertArrayEquals(want, v, 0);
        }
    }
}
