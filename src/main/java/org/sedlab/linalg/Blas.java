package org.sedlab.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major float32 matrix products through OpenBLAS (the copy ND4J loads) on direct buffers, so
 * the model kernel's activations, the parameter vector and the gradient vector (and an
 * intervention's buffer) are all used in place, nothing allocated per call.
 */
public final class Blas {
    private Blas() {}

    /** A zeroed direct buffer of {@code n} floats in native byte order. */
    public static FloatBuffer allocate(long n) {
        if (n > Integer.MAX_VALUE / Float.BYTES) throw new IllegalArgumentException("buffer of " + n + " floats is too large");
        return ByteBuffer.allocateDirect((int) n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The storage of a contiguous float32 vector as a buffer: writes go to the array. */
    public static FloatBuffer view(INDArray vector) {
        if (vector.dataType() != DataType.FLOAT || vector.length() > Integer.MAX_VALUE
                || (vector.length() > 1 && vector.elementWiseStride() != 1)) {
            throw new IllegalArgumentException("expected a contiguous float32 vector, got " + vector.dataType()
                    + " with element stride " + vector.elementWiseStride());
        }
        FloatBuffer whole = vector.data().asNioFloat();
        return whole.slice(whole.position(), (int) vector.length());
    }

    /** A window of {@code length} floats starting at {@code offset}, sharing storage. */
    public static FloatBuffer slice(FloatBuffer b, long offset, long length) {
        return b.slice(Math.toIntExact(offset), Math.toIntExact(length));
    }

    /**
     * C (m x n, row stride ldc) = alpha * op(A) op(B) + beta * C, with op(A) m x k and op(B) k x n;
     * lda and ldb are the row strides of A and B as stored.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                     FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** y += alpha * x over {@code n} floats. */
    public static void axpy(int n, float alpha, FloatBuffer x, FloatBuffer y) {
        openblas.cblas_saxpy(n, alpha, x, 1, y, 1);
    }

    /** The dot product of two float vectors of {@code n} values. */
    public static float dot(int n, FloatBuffer x, FloatBuffer y) {
        return openblas.cblas_sdot(n, x, 1, y, 1);
    }
}
