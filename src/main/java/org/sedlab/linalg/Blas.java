package org.sedlab.linalg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.dnnl.dnnl_version_t;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major float32 matrix products on buffers, so the model kernel's activations, the parameter vector
 * and the gradient vector (and an intervention's buffer) are all used in place. Products go where the
 * {@link Numerics} mode says: {@link PortableGemm} (the same bits on every CPU) or oneDNN's sgemm, which
 * chooses its kernels, and so its rounding, from the CPU's own features. OpenBLAS (the copy ND4J loads)
 * is kept as the reference rate: what PyTorch multiplies with here (the bench prints all three).
 */
public final class Blas {
    private Blas() {}

    static {
        Numerics.pinLibraries();
    }

    /** A zeroed buffer of {@code n} floats for the library the active numerics multiply with. */
    public static FloatBuffer allocate(long n) {
        return allocate(n, Numerics.active() == Numerics.FAST ? Library.ONEDNN : Library.PORTABLE);
    }

    /**
     * Refuses, before any work, a buffer of {@code floats} that this process could not allocate: more than
     * one buffer holds, or more than the memory it has free (its heap for an array, the same limit for a
     * direct buffer unless -XX:MaxDirectMemorySize says otherwise).
     *
     * @param what   what the buffer is, as the user asked for it
     * @param advice which option to lower
     */
    public static void requireRoom(long floats, String what, String advice) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long bytes = floats * Float.BYTES;
        if (floats > MAX_FLOATS || bytes > free) {
            throw new IllegalArgumentException(String.format("%s needs %,d MiB, more than %s: %s", what, bytes >> 20,
                    floats > MAX_FLOATS ? "one buffer holds (" + (MAX_FLOATS * Float.BYTES >> 20) + " MiB)"
                            : "the " + (free >> 20) + " MiB this process has free (its -Xmx; the launcher takes it from SEDLAB_JAVA_OPTS)", advice));
        }
    }

    /** The most floats one buffer holds: an array's length, and a direct buffer's bytes, are ints. */
    private static final long MAX_FLOATS = Integer.MAX_VALUE / Float.BYTES;

    /**
     * A zeroed buffer of {@code n} floats for {@code library}: an array for {@link PortableGemm}, which then
     * works on it in place; direct, in native byte order, for the native libraries.
     */
    public static FloatBuffer allocate(long n, Library library) {
        requireRoom(n, "a buffer of " + n + " floats", "ask for less");
        if (library == Library.PORTABLE) return FloatBuffer.wrap(new float[(int) n]);
        return ByteBuffer.allocateDirect((int) n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** b itself when direct, else a direct copy of it: the native libraries need addresses (and crash on an array at an offset). */
    private static FloatBuffer direct(FloatBuffer b) {
        if (b.isDirect()) return b;
        FloatBuffer copy = allocate(b.capacity(), Library.ONEDNN);
        copy.put(0, b, 0, b.capacity());
        return copy;
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

    /** The libraries that can multiply matrices here. */
    public enum Library {
        /** What {@link #gemm} uses in the portable mode. */
        PORTABLE,
        /** What {@link #gemm} uses in the fast mode. */
        ONEDNN,
        /** The reference rate: what ND4J and Debian's PyTorch use. */
        OPENBLAS
    }

    /**
     * C (m x n, row stride ldc) = alpha * op(A) op(B) + beta * C, with op(A) m x k and op(B) k x n;
     * lda and ldb are the row strides of A and B as stored.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                     FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        gemm(Numerics.active() == Numerics.FAST ? Library.ONEDNN : Library.PORTABLE, transA, transB, m, n, k, alpha,
                a, lda, b, ldb, beta, c, ldc);
    }

    /** What {@link #gemm} runs on, for provenance: the numerics mode and what it multiplies with. */
    public static String gemmLibrary() {
        return Numerics.active().describe();
    }

    /** oneDNN's version and the instruction set it dispatches to on this CPU. */
    static String oneDnnLibrary() {
        dnnl_version_t v = dnnl.dnnl_version();
        int isa = dnnl.dnnl_get_effective_cpu_isa();
        String name = switch (isa) {
            case dnnl.dnnl_cpu_isa_sse41 -> "sse41";
            case dnnl.dnnl_cpu_isa_avx -> "avx";
            case dnnl.dnnl_cpu_isa_avx2 -> "avx2";
            case dnnl.dnnl_cpu_isa_avx2_vnni -> "avx2_vnni";
            case dnnl.dnnl_cpu_isa_avx512_core -> "avx512_core";
            case dnnl.dnnl_cpu_isa_avx512_core_vnni -> "avx512_core_vnni";
            case dnnl.dnnl_cpu_isa_avx512_core_bf16 -> "avx512_core_bf16";
            case dnnl.dnnl_cpu_isa_avx512_core_amx -> "avx512_core_amx";
            default -> "isa " + isa;
        };
        return "oneDNN " + v.major() + "." + v.minor() + "." + v.patch() + " (" + name + ")";
    }

    /** {@link #gemm} by the given library. */
    public static void gemm(Library library, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a,
                            int lda, FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        GemmRecorder.note(transA, transB, m, n, k);
        if (library == Library.PORTABLE) {
            PortableGemm.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        FloatBuffer target = c;
        a = direct(a);
        b = direct(b);
        c = direct(c);
        if (library == Library.ONEDNN) {
            int status = dnnl.dnnl_sgemm((byte) (transA ? 'T' : 'N'), (byte) (transB ? 'T' : 'N'), m, n, k, alpha, a, lda,
                    b, ldb, beta, c, ldc);
            if (status != dnnl.dnnl_success) {
                throw new IllegalStateException("oneDNN's sgemm failed with status " + status + " on " + m + "x" + k + " times " + k + "x" + n);
            }
        } else {
            openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                    transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
        if (c != target) target.put(0, c, 0, c.capacity());
    }

    /** y = fma(alpha, x, y) over {@code n} floats, element by element. */
    public static void axpy(int n, float alpha, FloatBuffer x, FloatBuffer y) {
        float[] xs = new float[BLOCK];
        float[] ys = new float[BLOCK];
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            x.get(from, xs, 0, len);
            y.get(from, ys, 0, len);
            for (int i = 0; i < len; i++) ys[i] = Math.fma(alpha, xs[i], ys[i]);
            y.put(from, ys, 0, len);
        }
    }

    /**
     * The dot product of two float vectors of {@code n} values, summed in order in double (each product is
     * exact in double); by the native library where it runs, the same additions in the same order.
     */
    public static double dot(int n, FloatBuffer x, FloatBuffer y) {
        if (n > x.capacity() || n > y.capacity()) {
            throw new IllegalArgumentException("a dot product of " + n + " values over buffers of " + x.capacity() + " and " + y.capacity());
        }
        if (NativeLibrary.AVAILABLE && NativeLibrary.reads(x) && NativeLibrary.reads(y)) return NativeFloatSums.dotInDouble(x, y, n);
        float[] xs = new float[BLOCK];
        float[] ys = new float[BLOCK];
        double sum = 0;
        for (int from = 0; from < n; from += BLOCK) {
            int len = Math.min(BLOCK, n - from);
            x.get(from, xs, 0, len);
            y.get(from, ys, 0, len);
            for (int i = 0; i < len; i++) sum += (double) xs[i] * ys[i];
        }
        return sum;
    }

    /** The Euclidean norm of {@code n} floats, summed in order in double. */
    public static double norm2(int n, FloatBuffer x) {
        return Math.sqrt(dot(n, x, x));
    }

    /** Values copied from a buffer to an array at a time in the vector operations. */
    private static final int BLOCK = 4096;
}
