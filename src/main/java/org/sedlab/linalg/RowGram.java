package org.sedlab.linalg;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Products of a wide matrix X (rows x columns, say 20 or 512 rows of 131,072 attention values) with
 * itself and with a row combination, in double and in Java: every sum runs over the columns in order,
 * so the bits do not depend on the CPU (a BLAS product's blocking does). X is read a block of columns
 * at a time, so no double copy of it is ever held.
 */
public final class RowGram {
    /** Columns read at a time. */
    private static final int BLOCK = 256;

    private RowGram() {}

    /** G = X X^T (rows x rows). */
    public static double[][] of(INDArray x) {
        int rows = (int) x.rows();
        long columns = x.columns();
        double[][] g = new double[rows][rows];
        for (long c0 = 0; c0 < columns; c0 += BLOCK) {
            double[][] block = columnsOf(x, c0, Math.min(columns, c0 + BLOCK));
            for (double[] column : block) {
                for (int i = 0; i < rows; i++) {
                    double xi = column[i];
                    double[] gi = g[i];
                    for (int j = 0; j <= i; j++) gi[j] = Math.fma(xi, column[j], gi[j]);
                }
            }
        }
        for (int i = 0; i < rows; i++) for (int j = 0; j < i; j++) g[j][i] = g[i][j];
        return g;
    }

    /** X^T u: the rows of X weighted by u and added up (a vector of X's columns). */
    public static double[] combine(INDArray x, double[] u) {
        int rows = (int) x.rows();
        if (u.length != rows) throw new IllegalArgumentException("need " + rows + " weights, got " + u.length);
        int columns = Math.toIntExact(x.columns());
        double[] v = new double[columns];
        for (int c0 = 0; c0 < columns; c0 += BLOCK) {
            double[][] block = columnsOf(x, c0, Math.min(columns, c0 + BLOCK));
            for (int c = 0; c < block.length; c++) {
                double[] column = block[c];
                double sum = 0;
                for (int r = 0; r < rows; r++) sum = Math.fma(u[r], column[r], sum);
                v[c0 + c] = sum;
            }
        }
        return v;
    }

    /** Columns [from, to) of x, one array per column. */
    private static double[][] columnsOf(INDArray x, long from, long to) {
        int rows = (int) x.rows();
        int width = (int) (to - from);
        double[][] columns = new double[width][rows];
        FloatBuffer storage = floatRows(x);
        if (storage == null) {
            double[][] block = x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).toDoubleMatrix();
            for (int r = 0; r < rows; r++) for (int c = 0; c < width; c++) columns[c][r] = block[r][c];
            return columns;
        }
        float[] row = new float[width];
        long stride = x.columns();
        for (int r = 0; r < rows; r++) {
            storage.get(Math.toIntExact(r * stride + from), row, 0, width);
            for (int c = 0; c < width; c++) columns[c][r] = row[c];
        }
        return columns;
    }

    /**
     * The storage of a row-major float32 matrix whose rows are contiguous and adjacent, from its first
     * element (the common case: a matrix, or a run of its rows); null for any other layout.
     */
    private static FloatBuffer floatRows(INDArray x) {
        if (x.dataType() != DataType.FLOAT || x.rank() != 2 || x.ordering() != 'c' || x.stride(1) != 1
                || x.stride(0) != x.columns() || x.length() > Integer.MAX_VALUE) {
            return null;
        }
        FloatBuffer whole = x.data().asNioFloat();
        return whole.slice(Math.toIntExact(x.offset()), (int) x.length());
    }
}
