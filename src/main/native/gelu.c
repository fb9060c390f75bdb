/*
 * model/ExactGelu's pass in native code, for org.sedlab.model.NativeGelu: per element the same float
 * operations in the same order as ExactGelu.apply's loop, so the same bits (ExactGeluTest compares them
 * on every kind of input, NaN and infinities included), with the table's coefficients gathered sixteen
 * (AVX-512) or eight (AVX2) lanes at a time where Java reads them one by one.
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

__attribute__((target("avx512f"))) static int gelu512(const float *table, float *x, float *dx, int count) {
    const __m512 scale = _mm512_set1_ps(NODES_PER_UNIT), low = _mm512_set1_ps(-EDGE), high = _mm512_set1_ps(EDGE);
    const __m512 shift = _mm512_set1_ps((float) CAST_SHIFT);
    const __m512i offset = _mm512_set1_epi32(CAST_SHIFT + FIRST_NODE), last = _mm512_set1_epi32(INTERVALS - 1);
    const __m512i zero = _mm512_setzero_si512(), first = _mm512_set1_epi32(FIRST_NODE);
    int j = 0;
    for (; j + 16 <= count; j += 16) {
        __m512 v = _mm512_loadu_ps(x + j);
        __m512 w = _mm512_mul_ps(v, scale);
        w = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(w, low, _CMP_LT_OQ), w, low);
        w = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(w, high, _CMP_GT_OQ), w, high);
        __m512i cast = _mm512_cvttps_epi32(_mm512_add_ps(w, shift));
        cast = _mm512_mask_blend_epi32(_mm512_cmp_ps_mask(w, w, _CMP_UNORD_Q), cast, zero);
        __m512i i = _mm512_max_epi32(zero, _mm512_min_epi32(_mm512_sub_epi32(cast, offset), last));
        __m512 f = _mm512_sub_ps(w, _mm512_cvtepi32_ps(_mm512_add_epi32(i, first)));
        __m512i at = _mm512_slli_epi32(i, 3);
        __m512 c0 = _mm512_i32gather_ps(at, table, 4), c1 = _mm512_i32gather_ps(at, table + 1, 4);
        __m512 c2 = _mm512_i32gather_ps(at, table + 2, 4), c3 = _mm512_i32gather_ps(at, table + 3, 4);
        __m512 phi = _mm512_add_ps(c0, _mm512_mul_ps(f, _mm512_add_ps(c1, _mm512_mul_ps(f, _mm512_add_ps(c2, _mm512_mul_ps(f, c3))))));
        _mm512_storeu_ps(x + j, _mm512_mul_ps(v, phi));
        if (dx != NULL) {
            __m512 d0 = _mm512_i32gather_ps(at, table + 4, 4), d1 = _mm512_i32gather_ps(at, table + 5, 4);
            __m512 d2 = _mm512_i32gather_ps(at, table + 6, 4), d3 = _mm512_i32gather_ps(at, table + 7, 4);
            _mm512_storeu_ps(dx + j, _mm512_add_ps(d0, _mm512_mul_ps(f, _mm512_add_ps(d1, _mm512_mul_ps(f, _mm512_add_ps(d2, _mm512_mul_ps(f, d3)))))));
        }
    }
    return j;
}

__attribute__((target("avx2,fma"))) static int gelu256(const float *table, float *x, float *dx, int count) {
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
        __m256i at = _mm256_slli_epi32(i, 3);
        __m256 c0 = _mm256_i32gather_ps(table, at, 4), c1 = _mm256_i32gather_ps(table + 1, at, 4);
        __m256 c2 = _mm256_i32gather_ps(table + 2, at, 4), c3 = _mm256_i32gather_ps(table + 3, at, 4);
        __m256 phi = _mm256_add_ps(c0, _mm256_mul_ps(f, _mm256_add_ps(c1, _mm256_mul_ps(f, _mm256_add_ps(c2, _mm256_mul_ps(f, c3))))));
        _mm256_storeu_ps(x + j, _mm256_mul_ps(v, phi));
        if (dx != NULL) {
            __m256 d0 = _mm256_i32gather_ps(table + 4, at, 4), d1 = _mm256_i32gather_ps(table + 5, at, 4);
            __m256 d2 = _mm256_i32gather_ps(table + 6, at, 4), d3 = _mm256_i32gather_ps(table + 7, at, 4);
            _mm256_storeu_ps(dx + j, _mm256_add_ps(d0, _mm256_mul_ps(f, _mm256_add_ps(d1, _mm256_mul_ps(f, _mm256_add_ps(d2, _mm256_mul_ps(f, d3)))))));
        }
    }
    return j;
}

/*
 * In place x[xo ..] -> gelu for `count` values; `slope`, unless null, receives gelu' at so ..; the table
 * is ExactGelu's (8 floats per interval, INTERVALS intervals). Lanes at `level` (2: AVX-512, 1: AVX2), the
 * last few one at a time.
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
    int done = level == 2 ? gelu512(table, out, outSlope, count) : level == 1 ? gelu256(table, out, outSlope, count) : 0;
    for (int j = done; j < count; j++) element(table, out + j, outSlope == NULL ? NULL : outSlope + j);
    if (dx != NULL) (*env)->ReleasePrimitiveArrayCritical(env, slope, dx, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, values, x, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, cubics, table, JNI_ABORT);
}
