/*
 * PortableGemm's products in native code, for org.sedlab.linalg.NativeGemm.
 *
 * Every element of C is the chain PortableGemm defines, c = fma(a[i][p], b[p][j], c) for p = 0, 1, ...
 * in order, from the value C holds (PortableGemm has applied beta and alpha already). Nothing here
 * reorders that chain: the blocking, the vector width and the masks only choose which elements are
 * computed together, so the bits are those of the Java paths on any CPU with FMA. What is faster than
 * the Java Vector API's block is the code around the same arithmetic: twelve rows of accumulators in
 * AVX-512's 32 registers (six in AVX2's 16), loads without bounds checks, and B taken one panel (KC
 * steps of p by one block's columns) at a time, copied into contiguous memory so that the panel stays in
 * the first-level cache while A's rows stream past; C holds each chain between panels, and the next panel
 * continues it in order.
 *
 * Compiled without -ffast-math and in ISO C mode (-std=c11: no contraction of a * b + c): every
 * multiply-add is an explicit fused one. Built by build.sh; the library holds both instruction sets,
 * chosen at run time (level.c).
 */
#include <jni.h>
#include <immintrin.h>
#include "transpose8.h"

/* One product: C (rows i, columns j) at c[i * ldc + j], B at b[p * ldb + j], A at a[i * ars + p * acs]. */
typedef struct {
    float *c;
    const float *b;
    const float *a;
    int ldc, ldb, ars, acs, k;
} Product;

#define ROWS_512 12
#define ROWS_256 6
/* Steps of p per pass over C: a packed panel of B (KC x 32 floats with AVX-512, 32 KiB) stays in L1 (128 was no faster). */
#define KC 256

/*
 * The rows of a tile, spelled out: each row's two accumulators are named variables (c0_r, c1_r), since
 * GCC keeps an array of vectors in memory and stores it at every step of the loop over p. A block has
 * ROWS_512 (ROWS_256) rows; C's last rows, fewer than a block's, go through tiles of 8, 4 and 1 rows
 * while the same panel of B is in cache.
 */
#define FOR_ROWS_12(OP) OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7) OP(8) OP(9) OP(10) OP(11)
#define FOR_ROWS_8(OP) OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7)
#define FOR_ROWS_6(OP) OP(0) OP(1) OP(2) OP(3) OP(4) OP(5)
#define FOR_ROWS_4(OP) OP(0) OP(1) OP(2) OP(3)
#define FOR_ROWS_1(OP) OP(0)

/*
 * tile512_<rows>: that many rows from i by two vectors of 16 columns from j, B's columns read from their
 * packed panel (32 floats a step of p); lanes of C outside the masks are neither read nor written (all set
 * but at C's last columns). A block's tile holds 24 accumulators of AVX-512's 32 registers.
 */
#define LOAD_512(r) __m512 c0_##r = _mm512_maskz_loadu_ps(m0, c + r * ldc), c1_##r = _mm512_maskz_loadu_ps(m1, c + r * ldc + 16);
#define STEP_512(r) { __m512 ar = _mm512_set1_ps(a[r * ars]); c0_##r = _mm512_fmadd_ps(ar, b0, c0_##r); c1_##r = _mm512_fmadd_ps(ar, b1, c1_##r); }
#define STORE_512(r) _mm512_mask_storeu_ps(c + r * ldc, m0, c0_##r); _mm512_mask_storeu_ps(c + r * ldc + 16, m1, c1_##r);
#define TILE_512(ROWS)                                                                                                         \
    __attribute__((target("avx512f"))) static void tile512_##ROWS(const Product *x, int i, int j, const float *panel,        \
                                                                   __mmask16 m0, __mmask16 m1) {                            \
        const long ldc = x->ldc, ars = x->ars, acs = x->acs;                                                                   \
        const int k = x->k;                                                                                                    \
        float *c = x->c + i * ldc + j;                                                                                         \
        const float *a = x->a + i * ars;                                                                                       \
        const float *b = panel;                                                                                                \
        FOR_ROWS_##ROWS(LOAD_512)                                                                                              \
        for (int p = 0; p < k; p++, a += acs, b += 32) {                                                                       \
            __m512 b0 = _mm512_load_ps(b);                                                                                     \
            __m512 b1 = _mm512_load_ps(b + 16);                                                                                \
            FOR_ROWS_##ROWS(STEP_512)                                                                                          \
        }                                                                                                                      \
        FOR_ROWS_##ROWS(STORE_512)                                                                                             \
    }
TILE_512(12)
TILE_512(8)
TILE_512(4)
TILE_512(1)

static __mmask16 lanes(int count) {
    return count >= 16 ? (__mmask16) 0xFFFF : count <= 0 ? (__mmask16) 0 : (__mmask16) ((1u << count) - 1);
}

/*
 * The m rows of x (its k at most KC), one panel of 32 columns of B at a time, copied first into `panel`
 * (k rows of 32 floats one after another, zero beyond C's last column): read in place, B's rows lie ldb
 * apart, often a power of two, so that the panel's lines fall into a few of the cache's sets and evict
 * each other.
 */
__attribute__((target("avx512f"))) static void panels512(const Product *x, int m, int n, float *panel) {
    for (int j = 0; j < n; j += 32) {
        __mmask16 m0 = lanes(n - j), m1 = lanes(n - j - 16);
        const float *b = x->b + j;
        for (int p = 0; p < x->k; p++, b += x->ldb) {
            _mm512_store_ps(panel + 32 * p, _mm512_maskz_loadu_ps(m0, b));
            _mm512_store_ps(panel + 32 * p + 16, _mm512_maskz_loadu_ps(m1, b + 16));
        }
        int i = 0;
        for (; i + ROWS_512 <= m; i += ROWS_512) tile512_12(x, i, j, panel, m0, m1);
        if (i + 8 <= m) tile512_8(x, i, j, panel, m0, m1), i += 8;
        if (i + 4 <= m) tile512_4(x, i, j, panel, m0, m1), i += 4;
        for (; i < m; i++) tile512_1(x, i, j, panel, m0, m1);
    }
}

/*
 * tile256_<rows>: that many rows by two vectors of 8 columns for AVX2 (a block's 12 accumulators of its 16
 * registers); `masked`, a constant where inlined, selects masked loads and stores for C's last columns.
 */
#define LOAD_256(r) __m256 c0_##r = masked ? _mm256_maskload_ps(c + r * ldc, m0) : _mm256_loadu_ps(c + r * ldc), \
                           c1_##r = masked ? _mm256_maskload_ps(c + r * ldc + 8, m1) : _mm256_loadu_ps(c + r * ldc + 8);
#define STEP_256(r) { __m256 ar = _mm256_set1_ps(a[r * ars]); c0_##r = _mm256_fmadd_ps(ar, b0, c0_##r); c1_##r = _mm256_fmadd_ps(ar, b1, c1_##r); }
#define STORE_256(r) \
    if (masked) { _mm256_maskstore_ps(c + r * ldc, m0, c0_##r); _mm256_maskstore_ps(c + r * ldc + 8, m1, c1_##r); } \
    else { _mm256_storeu_ps(c + r * ldc, c0_##r); _mm256_storeu_ps(c + r * ldc + 8, c1_##r); }
#define TILE_256(ROWS)                                                                                                         \
    __attribute__((target("avx2,fma"), always_inline)) static inline void                                                     \
    tile256_##ROWS(const Product *x, int i, int j, const float *panel, int masked, __m256i m0, __m256i m1) {                  \
        const long ldc = x->ldc, ars = x->ars, acs = x->acs;                                                                   \
        const int k = x->k;                                                                                                    \
        float *c = x->c + i * ldc + j;                                                                                         \
        const float *a = x->a + i * ars;                                                                                       \
        const float *b = panel;                                                                                                \
        FOR_ROWS_##ROWS(LOAD_256)                                                                                              \
        for (int p = 0; p < k; p++, a += acs, b += 16) {                                                                       \
            __m256 b0 = _mm256_load_ps(b);                                                                                     \
            __m256 b1 = _mm256_load_ps(b + 8);                                                                                 \
            FOR_ROWS_##ROWS(STEP_256)                                                                                          \
        }                                                                                                                      \
        FOR_ROWS_##ROWS(STORE_256)                                                                                             \
    }
TILE_256(6)
TILE_256(4)
TILE_256(1)

__attribute__((target("avx2,fma"))) static void fullTile256(const Product *x, int i, int j, const float *panel) {
    __m256i none = _mm256_setzero_si256();
    tile256_6(x, i, j, panel, 0, none, none);
}

__attribute__((target("avx2,fma"))) static void maskedTile256(const Product *x, int i, int j, const float *panel, __m256i m0, __m256i m1) {
    tile256_6(x, i, j, panel, 1, m0, m1);
}

/* C's last rows, fewer than a block's, masked (the masks are all set away from C's last columns). */
__attribute__((target("avx2,fma"))) static void lastRows256(const Product *x, int i, int m, int j, const float *panel, __m256i m0, __m256i m1) {
    if (i + 4 <= m) tile256_4(x, i, j, panel, 1, m0, m1), i += 4;
    for (; i < m; i++) tile256_1(x, i, j, panel, 1, m0, m1);
}

/* Lane t of the mask is set when t < count (maskload reads and maskstore writes only those lanes). */
__attribute__((target("avx2,fma"))) static __m256i lanes256(int count) {
    __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(count), index);
}

/* As panels512: panels of 16 columns of B, packed (16 floats a step of p, zero beyond C's last column). */
__attribute__((target("avx2,fma"))) static void panels256(const Product *x, int m, int n, float *panel) {
    int whole = m - m % ROWS_256;
    for (int j = 0; j < n; j += 16) {
        __m256i m0 = lanes256(n - j), m1 = lanes256(n - j - 8);
        const float *b = x->b + j;
        for (int p = 0; p < x->k; p++, b += x->ldb) {
            _mm256_store_ps(panel + 16 * p, _mm256_maskload_ps(b, m0));
            _mm256_store_ps(panel + 16 * p + 8, _mm256_maskload_ps(b + 8, m1));
        }
        if (n - j >= 16) {
            for (int i = 0; i < whole; i += ROWS_256) fullTile256(x, i, j, panel);
        } else {
            for (int i = 0; i < whole; i += ROWS_256) maskedTile256(x, i, j, panel, m0, m1);
        }
        lastRows256(x, whole, m, j, panel, m0, m1);
    }
}

/*
 * The whole product at `set` (2: AVX-512, 1: AVX2): for each stretch of KC steps of p, B's panels (KC x 32
 * floats, 32 KiB, with AVX-512) one at a time, each kept in the first-level cache while every row of C
 * passes it. C holds each element's chain between stretches, which continue it in order.
 */
static void multiply(const Product *x, int m, int n, int set) {
    float panel[KC * 32] __attribute__((aligned(64)));
    for (int p0 = 0; p0 < x->k; p0 += KC) {
        Product part = *x;
        part.a = x->a + (long) p0 * x->acs;
        part.b = x->b + (long) p0 * x->ldb;
        part.k = x->k - p0 < KC ? x->k - p0 : KC;
        if (set == 2) panels512(&part, m, n, panel);
        else panels256(&part, m, n, panel);
    }
}

/*
 * C (m x n) += A (m x k) B (k x n) as above at `level` (2: AVX-512, 1: AVX2; at most level.c's bestLevel), on Java
 * arrays whose ranges PortableGemm has checked (C's may share an array with A's or B's, not overlap
 * them). The arrays are held (GetPrimitiveArrayCritical) only for the product itself; A and B are
 * released without copying back and C last, so that even a JVM that hands out copies writes back only C.
 */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeGemm_multiply(JNIEnv *env, jclass type, jint level, jfloatArray c, jint co, jint ldc,
                                                                   jfloatArray b, jint bo, jint ldb, jfloatArray a, jint ao,
                                                                   jint ars, jint acs, jint m, jint n, jint k) {
    (void) type;
    float *pc = (*env)->GetPrimitiveArrayCritical(env, c, NULL);
    if (pc == NULL) return;
    float *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (pb == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, c, pc, JNI_ABORT);
        return;
    }
    float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    if (pa == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
        (*env)->ReleasePrimitiveArrayCritical(env, c, pc, JNI_ABORT);
        return;
    }
    Product x = {pc + co, pb + bo, pa + ao, ldc, ldb, ars, acs, k};
    if (level == 1 || level == 2) multiply(&x, m, n, level);
    (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
}

/*
 * dst (k x n, row p at p * n) = the transpose of n rows of k floats at `from`, row j at j * ld: op(B) for a
 * product whose B is stored transposed (a linear layer's weight), laid out as the blocks above read it.
 * Only values move, so no bits change: blocks of 8 x 8 through registers (transpose8.h), the edges one
 * value at a time.
 */
__attribute__((target("avx2,fma"))) static void transpose(const float *from, int ld, int k, int n, float *d) {
    int n8 = n - n % 8, k8 = k - k % 8;
    for (int j0 = 0; j0 < n8; j0 += 8) {
        const float *row[8];
        for (int r = 0; r < 8; r++) row[r] = from + (long) (j0 + r) * ld;
        for (int p0 = 0; p0 < k8; p0 += 8) {
            __m256 t[8];
            transpose8(row, p0, t);
            for (int q = 0; q < 8; q++) _mm256_storeu_ps(d + (long) (p0 + q) * n + j0, t[q]);
        }
        for (int p = k8; p < k; p++) {
            for (int j = j0; j < j0 + 8; j++) d[(long) p * n + j] = from[(long) j * ld + p];
        }
    }
    for (int j = n8; j < n; j++) {
        for (int p = 0; p < k; p++) d[(long) p * n + j] = from[(long) j * ld + p];
    }
}

/* transpose() from a Java array (its rows from so). */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeGemm_transpose(JNIEnv *env, jclass type, jfloatArray src, jint so, jint ld,
                                                                    jint k, jint n, jfloatArray dst) {
    (void) type;
    float *s = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
    if (s == NULL) return;
    float *d = (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
    if (d != NULL) {
        transpose(s + so, ld, k, n, d);
        (*env)->ReleasePrimitiveArrayCritical(env, dst, d, 0);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, src, s, JNI_ABORT);
}

/* transpose() from a direct buffer (the parameters' memory), its rows from the buffer's start. */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeGemm_transposeDirect(JNIEnv *env, jclass type, jobject src, jint ld, jint k, jint n,
                                                                          jfloatArray dst) {
    (void) type;
    const float *s = (*env)->GetDirectBufferAddress(env, src);
    if (s == NULL) return;
    float *d = (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
    if (d == NULL) return;
    transpose(s, ld, k, n, d);
    (*env)->ReleasePrimitiveArrayCritical(env, dst, d, 0);
}
