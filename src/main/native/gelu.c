/*
 * model/ExactGelu's pass in native code, for org.sedlab.model.NativeGelu: per element the same float
 * operations in the same order as ExactGelu.apply's loop, so the same bits (ExactGeluTest compares them
 * on every kind of input, NaN and infinities included), eight lanes at a time with AVX2 (the same code on
 * AVX-512 machines) where Java reads the table's coefficients one by one.
 *
 *   w = v * 64, clamped to [-640, 640] by ordered comparisons (NaN stays NaN)
 *   i = clamp((int) (w + 1024) - 1024 + 640, 0, INTERVALS - 1), a cast of NaN giving 0 as in Java
 *   f = w - (float) (i - 640)
 *   gelu = v * (c0 + f * (c1 + f * (c2 + f * c3))),  slope = d0 + f * (d1 + f * (d2 + f * d3))
 *
 * with c0..c3, d0..d3 the interval's eight floats in the table ExactGelu passes in. Products and sums
 * are separate roundings, as in Java (build.sh: -ffp-contract=off).
 */
#include <jni.h>
#include <immintrin.h>
#include "transpose8.h"

#define NODES_PER_UNIT 64.0f
#define EDGE 640.0f
#define FIRST_NODE (-640)
#define CAST_SHIFT 1024
#define INTERVALS 1280

/* One element, as ExactGelu.apply's loop writes it. */
static void element(const float *table, float *x, float *dx) {
    float v = *x;
    float w = v * NODES_PER_UNIT;
    if (w < -EDGE) w = -EDGE;
    if (w > EDGE) w = EDGE;
    int cast = w != w ? 0 : (int) (w + (float) CAST_SHIFT);
    int i = cast - CAST_SHIFT - FIRST_NODE;
    if (i > INTERVALS - 1) i = INTERVALS - 1;
    if (i < 0) i = 0;
    float f = w - (float) (i + FIRST_NODE);
    const float *c = table + 8 * i;
    *x = v * (c[0] + f * (c[1] + f * (c[2] + f * c[3])));
    if (dx != NULL) *dx = c[4] + f * (c[5] + f * (c[6] + f * c[7]));
}

/*
 * Eight elements a step: their intervals' eight coefficients, one 32-byte row of the table each, loaded whole
 * and transposed into c0 .. c3, d0 .. d3 (eight gathers were 2.4x slower on AMD Zen 4, /tmp bench quiet).
 */
__attribute__((target("avx2,fma"))) static int gelu8(const float *table, float *x, float *dx, int count) {
    const __m256 scale = _mm256_set1_ps(NODES_PER_UNIT), low = _mm256_set1_ps(-EDGE), high = _mm256_set1_ps(EDGE);
    const __m256 shift = _mm256_set1_ps((float) CAST_SHIFT);
    const __m256i offset = _mm256_set1_epi32(CAST_SHIFT + FIRST_NODE), last = _mm256_set1_epi32(INTERVALS - 1);
    const __m256i zero = _mm256_setzero_si256(), first = _mm256_set1_epi32(FIRST_NODE);
    int j = 0;
    for (; j + 8 <= count; j += 8) {
        __m256 v = _mm256_loadu_ps(x + j);
        __m256 w = _mm256_mul_ps(v, scale);
        w = _mm256_blendv_ps(w, low, _mm256_cmp_ps(w, low, _CMP_LT_OQ));
        w = _mm256_blendv_ps(w, high, _mm256_cmp_ps(w, high, _CMP_GT_OQ));
        __m256i cast = _mm256_cvttps_epi32(_mm256_add_ps(w, shift));
        cast = _mm256_andnot_si256(_mm256_castps_si256(_mm256_cmp_ps(w, w, _CMP_UNORD_Q)), cast);
        __m256i i = _mm256_max_epi32(zero, _mm256_min_epi32(_mm256_sub_epi32(cast, offset), last));
        __m256 f = _mm256_sub_ps(w, _mm256_cvtepi32_ps(_mm256_add_epi32(i, first)));
        int at[8];
        _mm256_storeu_si256((__m256i *) at, _mm256_slli_epi32(i, 3));
        const float *const rows[8] = {table + at[0], table + at[1], table + at[2], table + at[3],
                                      table + at[4], table + at[5], table + at[6], table + at[7]};
        __m256 c[8];
        transpose8(rows, 0, c);
        __m256 phi = _mm256_add_ps(c[0], _mm256_mul_ps(f, _mm256_add_ps(c[1], _mm256_mul_ps(f, _mm256_add_ps(c[2], _mm256_mul_ps(f, c[3]))))));
        _mm256_storeu_ps(x + j, _mm256_mul_ps(v, phi));
        if (dx != NULL) {
            _mm256_storeu_ps(dx + j, _mm256_add_ps(c[4], _mm256_mul_ps(f, _mm256_add_ps(c[5], _mm256_mul_ps(f, _mm256_add_ps(c[6], _mm256_mul_ps(f, c[7])))))));
        }
    }
    return j;
}

/*
 * In place x[xo ..] -> gelu for `count` values; `slope`, unless null, receives gelu' at so ..; the table
 * is ExactGelu's (8 floats per interval, INTERVALS intervals). Eight lanes at a time at either `level`
 * (1: AVX2, 2: AVX-512 run the same code), the last few one at a time.
 */
JNIEXPORT void JNICALL Java_org_sedlab_model_NativeGelu_apply(JNIEnv *env, jclass type, jint level, jfloatArray cubics, jfloatArray values,
                                                              jint xo, jfloatArray slope, jint so, jint count) {
    (void) type;
    float *table = (*env)->GetPrimitiveArrayCritical(env, cubics, NULL);
    if (table == NULL) return;
    float *x = (*env)->GetPrimitiveArrayCritical(env, values, NULL);
    if (x == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, cubics, table, JNI_ABORT);
        return;
    }
    float *dx = slope == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, slope, NULL);
    if (slope != NULL && dx == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, values, x, JNI_ABORT);
        (*env)->ReleasePrimitiveArrayCritical(env, cubics, table, JNI_ABORT);
        return;
    }
    float *out = x + xo, *outSlope = dx == NULL ? NULL : dx + so;
    int done = level >= 1 ? gelu8(table, out, outSlope, count) : 0;
    for (int j = done; j < count; j++) element(table, out + j, outSlope == NULL ? NULL : outSlope + j);
    if (dx != NULL) (*env)->ReleasePrimitiveArrayCritical(env, slope, dx, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, values, x, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, cubics, table, JNI_ABORT);
}
