package org.sedlab.linalg;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Row-major float32 matrix products whose every output element is computed in one order fixed by
 * definition, whatever the CPU, the JVM or the blocking:
 * <pre>
 *   c = beta * c;   for p = 0 .. k-1:  c = fma(alpha * a[i][p], b[p][j], c)
 * </pre>
 * Java gives {@code Math.fma} and float arithmetic one exact result everywhere, and C2 vectorises the
 * loops over j (AVX2 or AVX-512 lanes compute the same element-wise operations), so the bits are the same
 * on every machine and only the speed depends on its instruction set. The libraries that dispatch on the
 * CPU (oneDNN, OpenBLAS) choose their blocking, and so their summation order, by it.
 *
 * <p>Products wide enough to be blocked are computed on flat arrays, reading and writing array-backed
 * operands (the model kernel's activations) in place: by {@link NativeGemm} where its library is built
 * and loaded (about 140 GFLOP/s on one 1020 x 256 x 128 product with AVX-512, 95 with AVX2), else, where
 * the JVM runs with the Vector API, by {@link VectorGemmKernel}'s blocks with their accumulators in
 * registers (about 100 and 70). Without either the loops compute the same bits at about half that: they
 * read and write only arrays indexed alike (C2 vectorises nothing else), one array per row of the output
 * and of the right operand, four output rows taking two right rows at a time (more streams, and C2 stops
 * vectorising); a narrow C is made as C^T = op(B)^T op(A)^T, whose rows are long (fma(a, b, c) equals fma(b, a, c): the same bits). A C of one
 * row or one column (an intervention's 131,072-long buffers) has a path of its own, without packing.
 */
public final class PortableGemm {
    /** Whether the JVM runs with the Vector API (--add-modules jdk.incubator.vector): faster, the same bits. */
    static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** What computes the blocked products: each the same bits, fastest first. */
    enum Route {
        NATIVE_AVX512(NativeLibrary.Level.AVX512), NATIVE_AVX2(NativeLibrary.Level.AVX2), VECTOR_API(null), LOOPS(null);

        /** The native library's code the route runs; null for the Java routes. */
        final NativeLibrary.Level level;

        Route(NativeLibrary.Level level) { this.level = level; }

        /** Whether this process can take the route. */
        boolean available() {
            return level != null ? NativeLibrary.runs(level) : this == LOOPS || VECTORS;
        }
    }

    /** The fastest route this process has. */
    static final Route ROUTE = java.util.Arrays.stream(Route.values()).filter(Route::available).findFirst().orElseThrow();

    /** For provenance and the benchmark: what computes the products here ("native avx512f", "Java Vector API", ...). */
    public static String implementation() {
        if (ROUTE.level != null) return NativeLibrary.STATUS;
        return (ROUTE == Route.VECTOR_API ? "Java Vector API (" : "Java loops (no Vector API module; ") + "native library " + NativeLibrary.STATUS + ")";
    }

    /** Rows moved together by a transposing copy (one cache line of floats). */
    private static final int TILE = 16;
    /** C narrower than this (a matrix-vector product) and taller than wide is made transposed. */
    private static final int FLIP_BELOW = 32;
    private static final ThreadLocal<PortableGemm> SCRATCH = ThreadLocal.withInitial(PortableGemm::new);

    /** The output, one array per row (rows of C, or of C^T). */
    private float[][] out = new float[0][];
    /** The right operand, one array per inner index p. */
    private float[][] right = new float[0][];
    /** The left operand as stored, read as left[r * leftRowStride + p * leftColStride]. */
    private float[] left = new float[0];
    private int leftRowStride;
    private int leftColStride;
    private float[] line = new float[0];
    /** The in-place routes' copies of a right operand and of C, when they are not arrays already. */
    private float[] flatRight = new float[0];
    private float[] flatOut = new float[0];
    /** The last rows of A and C, fewer than a block's, padded with zero rows to one block. */
    private float[] lastRowsLeft = new float[0];
    private float[] lastRowsOut = new float[0];
    /** A matrix-vector product's accumulators and vector operand. */
    private float[] vectorAcc = new float[0];
    private float[] vectorValues = new float[0];

    private PortableGemm() {}

    /** C (m x n, row stride ldc) = beta C + alpha op(A) op(B) in the order above; lda and ldb are the strides as stored. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                            FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        if (m == 0 || n == 0) return;
        SCRATCH.get().multiply(ROUTE, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** {@link #gemm} by the given route, which must be available here (for tests): the same bits by every route. */
    static void gemmBy(Route route, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                       FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        if (!route.available()) throw new IllegalStateException(route + " is not available here: native library " + NativeLibrary.STATUS
                + (VECTORS ? "" : "; the JVM runs without the Vector API module"));
        if (m == 0 || n == 0) return;
        SCRATCH.get().multiply(route, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private void multiply(Route route, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                          FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        if (n == 1 || m == 1) {
            matrixVector(route, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        boolean flip = m > n && n < FLIP_BELOW;
        if (route != Route.LOOPS && !flip) {
            multiplyInPlace(route, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        int rows = flip ? n : m;
        int width = flip ? m : n;
        out = ensure(out, rows, width);
        right = ensure(right, k, width);
        if (!flip) {
            packLeft(a, lda, transA ? k : m, transA ? m : k, transA, alpha, k);
            packRight(b, ldb, k, n, transB);
            loadC(c, ldc, m, n, beta, false);
        } else {
            // left = op(B)^T (n x k), right = op(A)^T (k x m)
            packLeft(b, ldb, transB ? n : k, transB ? k : n, !transB, alpha, k);
            packRight(a, lda, k, m, !transA);
            loadC(c, ldc, m, n, beta, true);
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) fourRows(r, 0, width, k);
        for (; r < rows; r++) oneRow(r, 0, width, k);
        storeC(c, ldc, m, n, flip);
    }

    /**
     * The product on flat arrays: operands backed by an array (the model kernel's activations) are read
     * and written where they are, the rest copied in. By {@link NativeGemm} whole, or by
     * {@link VectorGemmKernel}'s blocks of columns and rows with the last few one element at a time.
     */
    private void multiplyInPlace(Route route, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                                   FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        Operand l;
        if (alpha == 1f && a.hasArray()) {
            l = new Operand(a.array(), a.arrayOffset(), transA ? 1 : lda, transA ? lda : 1);
        } else {
            packLeft(a, lda, transA ? k : m, transA ? m : k, transA, alpha, k);
            l = new Operand(left, 0, leftRowStride, leftColStride);
        }
        Operand r;
        if (!transB && b.hasArray()) {
            r = new Operand(b.array(), b.arrayOffset(), ldb, 1);
        } else {
            if (flatRight.length < k * n) flatRight = new float[k * n];
            packFlatRight(route, b, ldb, k, n, transB);
            r = new Operand(flatRight, 0, n, 1);
        }
        boolean inPlace = c.hasArray();
        Operand o;
        if (inPlace) {
            o = new Operand(c.array(), c.arrayOffset(), ldc, 1);
        } else {
            if (flatOut.length < m * n) flatOut = new float[m * n];
            if (beta != 0f) for (int i = 0; i < m; i++) c.get(i * ldc, flatOut, i * n, n);
            o = new Operand(flatOut, 0, n, 1);
        }
        // the launcher turns the Vector API's per-load range checks off (about a tenth of a product's time):
        // every vector load and store of a block lies within C's and op(B)'s ranges, checked once here instead
        requireWithin(o, m - 1, n);
        if (k > 0) requireWithin(r, k - 1, n);
        for (int i = 0; i < m; i++) {
            int from = o.base + i * o.rowStride;
            if (beta == 0f) {
                Arrays.fill(o.values, from, from + n, 0f); // beta 0 overwrites: a NaN already in C does not survive
            } else if (beta != 1f) {
                for (int j = from; j < from + n; j++) o.values[j] *= beta;
            }
        }
        if (route.level != null) {
            NativeGemm.multiply(route.level, o.values, o.base, o.rowStride, r.values, r.base, r.rowStride, l.values, l.base, l.rowStride,
                    l.colStride, m, n, k);
        } else {
            byVectorBlocks(o, l, r, m, n, k);
        }
        if (!inPlace) for (int row = 0; row < m; row++) c.put(row * ldc, flatOut, row * n, n);
    }

    private void byVectorBlocks(Operand o, Operand l, Operand r, int m, int n, int k) {
        int vectorEnd = n - n % VectorGemmKernel.WIDTH;
        int i = 0;
        for (; i + VectorGemmKernel.ROWS <= m; i += VectorGemmKernel.ROWS) {
            for (int j0 = 0; j0 < vectorEnd; j0 += VectorGemmKernel.WIDTH) {
                VectorGemmKernel.block(o.values, o.base + i * o.rowStride + j0, o.rowStride, r.values, r.base + j0, r.rowStride,
                        l.values, l.base + i * l.rowStride, l.rowStride, l.colStride, k);
            }
            for (int t = 0; t < VectorGemmKernel.ROWS; t++) for (int j = vectorEnd; j < n; j++) element(o, l, r, i + t, j, k);
        }
        if (i < m) lastRows(o, l, r, i, m - i, n, k, vectorEnd);
    }

    /**
     * The last {@code rows} rows of C (fewer than a block's), from row {@code i}: copied with their rows of A
     * into one block padded with zero rows, multiplied by the same block, and copied back. Each of their
     * elements is the same fused chain over p, so the same bits as a block of their own.
     */
    private void lastRows(Operand o, Operand l, Operand r, int i, int rows, int n, int k, int vectorEnd) {
        int block = VectorGemmKernel.ROWS;
        if (lastRowsLeft.length < block * k) lastRowsLeft = new float[block * k];
        if (lastRowsOut.length < block * n) lastRowsOut = new float[block * n];
        Arrays.fill(lastRowsLeft, 0, block * k, 0f);
        Arrays.fill(lastRowsOut, 0, block * n, 0f);
        for (int t = 0; t < rows; t++) {
            int from = l.base + (i + t) * l.rowStride;
            for (int p = 0; p < k; p++) lastRowsLeft[t * k + p] = l.values[from + p * l.colStride];
            System.arraycopy(o.values, o.base + (i + t) * o.rowStride, lastRowsOut, t * n, n);
        }
        for (int j0 = 0; j0 < vectorEnd; j0 += VectorGemmKernel.WIDTH) {
            VectorGemmKernel.block(lastRowsOut, j0, n, r.values, r.base + j0, r.rowStride, lastRowsLeft, 0, k, 1, k);
        }
        for (int t = 0; t < rows; t++) {
            System.arraycopy(lastRowsOut, t * n, o.values, o.base + (i + t) * o.rowStride, vectorEnd);
            for (int j = vectorEnd; j < n; j++) element(o, l, r, i + t, j, k);
        }
    }

    /** A matrix in a flat array: element (i, j) at values[base + i * rowStride + j * colStride]. */
    private record Operand(float[] values, int base, int rowStride, int colStride) {}

    /** Rows 0 .. lastRow, columns 0 .. width-1 of a row-major operand lie in its array (a caller's wrong stride fails here). */
    private static void requireWithin(Operand x, int lastRow, int width) {
        long end = (long) x.base + (long) lastRow * x.rowStride + width;
        if (x.base < 0 || x.rowStride < 0 || end > x.values.length) {
            throw new IllegalArgumentException(String.format("a matrix product reaches element %d of an array of %d (offset %d, row stride %d, %d rows of %d)",
                    end - 1, x.values.length, x.base, x.rowStride, lastRow + 1, width));
        }
    }

    /** One element of C, its fused chain written out. */
    private static void element(Operand o, Operand l, Operand r, int i, int j, int k) {
        int at = o.base + i * o.rowStride + j;
        float acc = o.values[at];
        int li = l.base + i * l.rowStride;
        int rj = r.base + j;
        for (int p = 0; p < k; p++) acc = Math.fma(l.values[li + p * l.colStride], r.values[rj + p * r.rowStride], acc);
        o.values[at] = acc;
    }

    /** op(B) (k x n) into flatRight, row p at p * n; a transposed B by the native library on its routes. */
    private void packFlatRight(Route route, FloatBuffer s, int ld, int k, int n, boolean transposed) {
        if (!transposed) {
            for (int p = 0; p < k; p++) s.get(p * ld, flatRight, p * n, n);
            return;
        }
        if (route.level != null && k > 0 && n > 0 && transposedByLibrary(s, ld, k, n)) return;
        float[] tile = line(TILE * k);
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int nj = Math.min(TILE, n - j0);
            for (int t = 0; t < nj; t++) s.get((j0 + t) * ld, tile, t * k, k);
            for (int p = 0; p < k; p++) {
                int row = p * n + j0;
                for (int t = 0; t < nj; t++) flatRight[row + t] = tile[t * k + p];
            }
        }
    }

    /** op(B) of a transposed B into flatRight by the library, if it can read B. */
    private boolean transposedByLibrary(FloatBuffer s, int ld, int k, int n) {
        if (!NativeLibrary.reads(s)) return false;
        requireStoredRows(s, n, k, ld);
        if (s.hasArray()) {
            NativeGemm.transpose(s.array(), s.arrayOffset(), ld, k, n, flatRight);
        } else {
            NativeGemm.transposeDirect(s, ld, k, n, flatRight);
        }
        return true;
    }

    /** {@code rows} stored rows of {@code length} floats, {@code ld} apart, lie in the buffer: the native library reads them unchecked. */
    private static void requireStoredRows(FloatBuffer s, int rows, int length, int ld) {
        if (ld < length || (long) (rows - 1) * ld + length > s.capacity()) {
            throw new IndexOutOfBoundsException(rows + " stored rows of " + length + " floats " + ld + " apart in a buffer of " + s.capacity());
        }
    }

    /**
     * A product whose C is one column or one row, without packing (an intervention's 131,072-long
     * buffers): the vector operand's values v[p], and the matrix read a row at a time; where the matrix's
     * rows run along C, c += (alpha a) v[p] row after row (vectorised), else one fused chain per element
     * of C, eight at a time so that they overlap. The same operations in the same order as the rest; on the
     * native routes, by {@link NativeMatrixVector}.
     */
    private void matrixVector(Route route, boolean transA, boolean transB, int m, int n, int k, float alpha, FloatBuffer a, int lda,
                              FloatBuffer b, int ldb, float beta, FloatBuffer c, int ldc) {
        boolean column = n == 1;
        int length = column ? m : n; // elements of C
        if (vectorAcc.length < length) vectorAcc = new float[length];
        float[] acc = vectorAcc;
        int cStride = column ? ldc : 1;
        if (beta == 0f) {
            Arrays.fill(acc, 0, length, 0f);
        } else {
            if (cStride == 1) {
                c.get(0, acc, 0, length);
            } else {
                for (int i = 0; i < length; i++) acc[i] = c.get(i * cStride);
            }
            if (beta != 1f) for (int i = 0; i < length; i++) acc[i] *= beta;
        }
        // the vector: op(B)'s column for a column C, op(A)'s row for a row C; the matrix: the other operand
        if (vectorValues.length < k) vectorValues = new float[k];
        float[] v = vectorValues;
        FloatBuffer vs = column ? b : a;
        int vStride = column ? (transB ? 1 : ldb) : (transA ? lda : 1);
        if (vStride == 1) {
            vs.get(0, v, 0, k);
        } else {
            for (int p = 0; p < k; p++) v[p] = vs.get(p * vStride);
        }
        FloatBuffer matrix = column ? a : b;
        int ld = column ? lda : ldb;
        // whether the matrix's stored rows are indexed by p (each a row of terms along C)
        boolean rowsAlongC = column ? transA : !transB;
        // alpha scales A: the matrix's entries when it is A, the vector when it is B's partner
        float matrixScale = column ? alpha : 1f;
        float vectorScale = column ? 1f : alpha;
        if (vectorScale != 1f) for (int p = 0; p < k; p++) v[p] *= vectorScale;
        if (route.level != null && k > 0 && NativeLibrary.reads(matrix)) {
            // the matrix's stored rows: k of `length` floats along C, or `length` of k floats
            requireStoredRows(matrix, rowsAlongC ? k : length, rowsAlongC ? length : k, ld);
            if (rowsAlongC) {
                NativeMatrixVector.alongRows(matrix, ld, length, k, matrixScale, v, acc);
            } else {
                NativeMatrixVector.chains(matrix, ld, length, k, matrixScale, v, acc);
            }
        } else if (rowsAlongC) {
            float[] row = line(length);
            for (int p = 0; p < k; p++) {
                matrix.get(p * ld, row, 0, length);
                float x = v[p];
                if (matrixScale != 1f) for (int i = 0; i < length; i++) row[i] *= matrixScale;
                for (int i = 0; i < length; i++) acc[i] = Math.fma(row[i], x, acc[i]);
            }
        } else {
            // eight chains at a time, over a few thousand p at a time, so that their rows stay in cache
            int block = 8;
            int chunk = 2048;
            float[] rows = line(block * chunk);
            for (int i0 = 0; i0 < length; i0 += block) {
                int nb = Math.min(block, length - i0);
                for (int p0 = 0; p0 < k; p0 += chunk) {
                    int np = Math.min(chunk, k - p0);
                    for (int t = 0; t < nb; t++) matrix.get((i0 + t) * ld + p0, rows, t * chunk, np);
                    if (matrixScale != 1f) for (int t = 0; t < nb; t++) for (int q = 0; q < np; q++) rows[t * chunk + q] *= matrixScale;
                    for (int q = 0; q < np; q++) {
                        float x = v[p0 + q];
                        for (int t = 0; t < nb; t++) acc[i0 + t] = Math.fma(rows[t * chunk + q], x, acc[i0 + t]);
                    }
                }
            }
        }
        if (cStride == 1) {
            c.put(0, acc, 0, length);
        } else {
            for (int i = 0; i < length; i++) c.put(i * cStride, acc[i]);
        }
    }

    /**
     * m when it has room for rows x width, else one with room for it and for what m held: the products of a
     * step alternate between shapes, and reallocating at each change would make garbage at every step.
     */
    private static float[][] ensure(float[][] m, int rows, int width) {
        int oldWidth = m.length == 0 ? 0 : m[0].length;
        if (m.length >= rows && oldWidth >= width) return m;
        return new float[Math.max(rows, m.length)][Math.max(width, oldWidth)];
    }

    private float[] line(int length) {
        if (line.length < length) line = new float[length];
        return line;
    }

    /**
     * The left operand L (rows of the output x k), copied as stored ({@code storedRows} x {@code storedWidth},
     * row stride ld) and scaled by alpha; {@code transposed}: the storage holds L^T.
     */
    private void packLeft(FloatBuffer s, int ld, int storedRows, int storedWidth, boolean transposed, float alpha, int k) {
        int size = storedRows * storedWidth;
        if (left.length < size) left = new float[size];
        for (int r = 0; r < storedRows; r++) s.get(r * ld, left, r * storedWidth, storedWidth);
        leftRowStride = transposed ? 1 : k;
        leftColStride = transposed ? storedWidth : 1;
        if (alpha != 1f) for (int x = 0; x < size; x++) left[x] *= alpha;
    }

    /** The right operand R (k x width) into one array per row; {@code transposed}: the storage holds R^T (width x k). */
    private void packRight(FloatBuffer s, int ld, int k, int width, boolean transposed) {
        if (!transposed) {
            for (int p = 0; p < k; p++) s.get(p * ld, right[p], 0, width);
            return;
        }
        // TILE stored rows at a time, so that the reads across them and the writes along right's rows stay in L1
        float[] tile = line(TILE * k);
        for (int j0 = 0; j0 < width; j0 += TILE) {
            int nj = Math.min(TILE, width - j0);
            for (int t = 0; t < nj; t++) s.get((j0 + t) * ld, tile, t * k, k);
            for (int p = 0; p < k; p++) {
                float[] row = right[p];
                for (int t = 0; t < nj; t++) row[j0 + t] = tile[t * k + p];
            }
        }
    }

    /** out = beta C, or beta C^T when flipped. */
    private void loadC(FloatBuffer c, int ldc, int m, int n, float beta, boolean flip) {
        if (beta == 0f) {
            // beta 0 overwrites: a NaN already in C does not survive
            for (int r = 0, rows = flip ? n : m; r < rows; r++) Arrays.fill(out[r], 0, flip ? m : n, 0f);
            return;
        }
        if (!flip) {
            for (int i = 0; i < m; i++) c.get(i * ldc, out[i], 0, n);
        } else {
            float[] tile = line(TILE * n);
            for (int i0 = 0; i0 < m; i0 += TILE) {
                int ni = Math.min(TILE, m - i0);
                for (int t = 0; t < ni; t++) c.get((i0 + t) * ldc, tile, t * n, n);
                for (int j = 0; j < n; j++) {
                    float[] row = out[j];
                    for (int t = 0; t < ni; t++) row[i0 + t] = tile[t * n + j];
                }
            }
        }
        if (beta != 1f) {
            for (int r = 0, rows = flip ? n : m, w = flip ? m : n; r < rows; r++) {
                float[] row = out[r];
                for (int j = 0; j < w; j++) row[j] *= beta;
            }
        }
    }

    private void storeC(FloatBuffer c, int ldc, int m, int n, boolean flip) {
        if (!flip) {
            for (int i = 0; i < m; i++) c.put(i * ldc, out[i], 0, n);
            return;
        }
        float[] tile = line(TILE * n);
        for (int i0 = 0; i0 < m; i0 += TILE) {
            int ni = Math.min(TILE, m - i0);
            for (int j = 0; j < n; j++) {
                float[] row = out[j];
                for (int t = 0; t < ni; t++) tile[t * n + j] = row[i0 + t];
            }
            for (int t = 0; t < ni; t++) c.put((i0 + t) * ldc, tile, t * n, n);
        }
    }

    private void fourRows(int r, int j0, int j1, int k) {
        float[] a = left;
        int rs = leftRowStride, cs = leftColStride;
        float[] c0 = out[r], c1 = out[r + 1], c2 = out[r + 2], c3 = out[r + 3];
        int p = 0;
        for (; p + 2 <= k; p += 2) {
            float[] b0 = right[p], b1 = right[p + 1];
            int q0 = r * rs + p * cs, q1 = q0 + cs;
            float a00 = a[q0], a01 = a[q1];
            float a10 = a[q0 + rs], a11 = a[q1 + rs];
            float a20 = a[q0 + 2 * rs], a21 = a[q1 + 2 * rs];
            float a30 = a[q0 + 3 * rs], a31 = a[q1 + 3 * rs];
            for (int j = j0; j < j1; j++) {
                float x0 = b0[j], x1 = b1[j];
                c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
                c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
                c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
                c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
            }
        }
        for (; p < k; p++) {
            float[] b0 = right[p];
            int q0 = r * rs + p * cs;
            float a00 = a[q0], a10 = a[q0 + rs], a20 = a[q0 + 2 * rs], a30 = a[q0 + 3 * rs];
            for (int j = j0; j < j1; j++) {
                float x0 = b0[j];
                c0[j] = Math.fma(a00, x0, c0[j]);
                c1[j] = Math.fma(a10, x0, c1[j]);
                c2[j] = Math.fma(a20, x0, c2[j]);
                c3[j] = Math.fma(a30, x0, c3[j]);
            }
        }
    }

    private void oneRow(int r, int j0, int j1, int k) {
        float[] a = left;
        float[] c0 = out[r];
        for (int p = 0; p < k; p++) {
            float[] b0 = right[p];
            float a0 = a[r * leftRowStride + p * leftColStride];
            for (int j = j0; j < j1; j++) c0[j] = Math.fma(a0, b0[j], c0[j]);
        }
    }
}
