/*
 * PortableGemm's matrix-vector products in native code, for org.sedlab.linalg.NativeMatrixVector: an
 * intervention's W x P buffer (W = 20 rows of P = 131,072 floats) times a vector, X u and X^T c, every
 * step of a projected run. Each element of the result is the chain PortableGemm defines,
 * acc = fma(m, v[p], acc) for p = 0, 1, ... in order, m being the matrix's entry (times `scale` first,
 * rounded, when scale is not 1): nothing here reorders a chain, so the bits are those of the Java path.
 *
 *   chains:    acc[i] over the matrix's row i (rows `ld` floats apart, k terms each): the chains run across
 *              the rows, so eight rows' chains go together, their terms brought into lanes by 8 x 8
 *              transposes, three such vectors at once (the Java path runs eight scalar chains through memory).
 *   alongRows: acc[i] over the matrix's column i (row p of the matrix is term p of every chain): eight
 *              chains a vector, a thousand columns at a time so that their sums stay in cache.
 *
 * AVX2 and FMA only, so AVX2 and AVX-512 machines run the same code; built by build.sh without contraction.
 */
#include <jni.h>
#include <immintrin.h>
#include "held.h"
#include "transpose8.h"

__attribute__((target("avx2,fma"))) static float fused(float a, float b, float c) {
    return _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)));
}

/* Eight terms p .. p+7 of eight chains, in order. */
__attribute__((target("avx2,fma"))) static __m256 eightTerms(const float *const row[8], int p, float scale, const float *v, __m256 c) {
    __m256 t[8];
    transpose8(row, p, t);
    for (int q = 0; q < 8; q++) {
        __m256 term = scale == 1.0f ? t[q] : _mm256_mul_ps(t[q], _mm256_set1_ps(scale));
        c = _mm256_fmadd_ps(term, _mm256_set1_ps(v[p + q]), c);
    }
    return c;
}

/* Rows of a block of GROUP x 8 chains from row i0; a row past the last reads row i0 again, its lane never stored. */
#define GROUP 3

__attribute__((target("avx2,fma"))) static void chains(const float *m, long ld, int rows, int k, float scale, const float *v, float *acc) {
    for (int i0 = 0; i0 < rows; i0 += 8 * GROUP) {
        const float *row[GROUP][8];
        float lanes[GROUP][8];
        for (int g = 0; g < GROUP; g++) {
            for (int r = 0; r < 8; r++) {
                int i = i0 + 8 * g + r;
                row[g][r] = m + (long) (i < rows ? i : i0) * ld;
                lanes[g][r] = i < rows ? acc[i] : 0.0f;
            }
        }
        /* three independent chains of vectors, so that their fused multiply-adds overlap */
        __m256 c0 = _mm256_loadu_ps(lanes[0]), c1 = _mm256_loadu_ps(lanes[1]), c2 = _mm256_loadu_ps(lanes[2]);
        int p = 0;
        for (; p + 8 <= k; p += 8) {
            c0 = eightTerms(row[0], p, scale, v, c0);
            c1 = eightTerms(row[1], p, scale, v, c1);
            c2 = eightTerms(row[2], p, scale, v, c2);
        }
        _mm256_storeu_ps(lanes[0], c0);
        _mm256_storeu_ps(lanes[1], c1);
        _mm256_storeu_ps(lanes[2], c2);
        for (int g = 0; g < GROUP; g++) {
            for (int r = 0; r < 8; r++) {
                int i = i0 + 8 * g + r;
                if (i >= rows) continue;
                float a = lanes[g][r];
                for (int q = p; q < k; q++) a = fused(scale == 1.0f ? row[g][r][q] : row[g][r][q] * scale, v[q], a);
                acc[i] = a;
            }
        }
    }
}

/* Columns a pass at a time: their sums stay in the first-level cache while each row streams through once. */
#define COLUMNS 1024

__attribute__((target("avx2,fma"))) static void alongRows(const float *m, long ld, int length, int k, float scale, const float *v, float *acc) {
    const __m256 s = _mm256_set1_ps(scale);
    for (int i0 = 0; i0 < length; i0 += COLUMNS) {
        int end = i0 + COLUMNS < length ? i0 + COLUMNS : length;
        int vectorEnd = i0 + (end - i0) / 8 * 8;
        for (int p = 0; p < k; p++) {
            const float *row = m + p * ld;
            const __m256 x = _mm256_set1_ps(v[p]);
            for (int i = i0; i < vectorEnd; i += 8) {
                __m256 term = _mm256_loadu_ps(row + i);
                if (scale != 1.0f) term = _mm256_mul_ps(term, s);
                _mm256_storeu_ps(acc + i, _mm256_fmadd_ps(term, x, _mm256_loadu_ps(acc + i)));
            }
            for (int i = vectorEnd; i < end; i++) acc[i] = fused(scale == 1.0f ? row[i] : row[i] * scale, v[p], acc[i]);
        }
    }
}

typedef void (*Kernel)(const float *m, long ld, int n, int k, float scale, const float *v, float *acc);

/* The matrix in a direct buffer (from its start, not its position) or, when that is null, in an array from `from`. */
static void run(JNIEnv *env, Kernel kernel, jobject direct, jfloatArray array, jint from, jint ld, jint n, jint k, jfloat scale,
                jfloatArray values, jfloatArray sums) {
    const float *m = holdFloats(env, direct, array, from);
    if (m == NULL) return;
    float *v = (*env)->GetPrimitiveArrayCritical(env, values, NULL);
    float *acc = v == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, sums, NULL);
    if (acc != NULL) {
        kernel(m, ld, n, k, scale, v, acc);
        (*env)->ReleasePrimitiveArrayCritical(env, sums, acc, 0);
    }
    if (v != NULL) (*env)->ReleasePrimitiveArrayCritical(env, values, v, JNI_ABORT);
    releaseFloats(env, direct, array, from, m);
}

/* The caller has checked every range. */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeMatrixVector_chains(JNIEnv *env, jclass type, jobject direct, jfloatArray array, jint from,
                                                                       jint ld, jint rows, jint k, jfloat scale, jfloatArray values, jfloatArray sums) {
    (void) type;
    run(env, chains, direct, array, from, ld, rows, k, scale, values, sums);
}

JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeMatrixVector_alongRows(JNIEnv *env, jclass type, jobject direct, jfloatArray array, jint from,
                                                                          jint ld, jint length, jint k, jfloat scale, jfloatArray values, jfloatArray sums) {
    (void) type;
    run(env, alongRows, direct, array, from, ld, length, k, scale, values, sums);
}
