/*
 * AdamW's float32 step, for org.sedlab.optim.NativeAdamW: per element the float operations of
 * AdamW.stepFloat in its order, each rounded as Java rounds it (no contraction: build.sh's
 * -ffp-contract=off; the square root correctly rounded, as Java's (float) Math.sqrt of a float is), eight
 * lanes at a time, so the same bits. The four vectors are ND4J's (direct memory): Java's pass copied
 * each block in and out of arrays, and divided and took square roots one value at a time.
 *
 *   g' = g + penalty p                 (Adam with L2 only; the gradient itself is left as it was)
 *   m  = b1 m + (1 - b1) g'
 *   v  = b2 v + ((1 - b2) g') g'
 *   p  = p decay - (stepSize m) / (sqrt(v) / correction + eps)
 */
#include <jni.h>
#include <immintrin.h>

typedef struct {
    float b1, b2, eps, decay, stepSize, correction, penalty;
} Coefficients;

__attribute__((target("avx2"))) static void step(float *p, const float *g, float *m, float *v, long n, const Coefficients *k) {
    const float c1 = 1 - k->b1, c2 = 1 - k->b2;
    const __m256 b1 = _mm256_set1_ps(k->b1), b2 = _mm256_set1_ps(k->b2), one1 = _mm256_set1_ps(c1), one2 = _mm256_set1_ps(c2);
    const __m256 eps = _mm256_set1_ps(k->eps), decay = _mm256_set1_ps(k->decay), stepSize = _mm256_set1_ps(k->stepSize);
    const __m256 correction = _mm256_set1_ps(k->correction), penalty = _mm256_set1_ps(k->penalty);
    const int penalised = k->penalty != 0;
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 pi = _mm256_loadu_ps(p + i), gi = _mm256_loadu_ps(g + i);
        if (penalised) gi = _mm256_add_ps(gi, _mm256_mul_ps(penalty, pi));
        __m256 mi = _mm256_add_ps(_mm256_mul_ps(b1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(one1, gi));
        __m256 vi = _mm256_add_ps(_mm256_mul_ps(b2, _mm256_loadu_ps(v + i)), _mm256_mul_ps(_mm256_mul_ps(one2, gi), gi));
        __m256 denominator = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), correction), eps);
        pi = _mm256_sub_ps(_mm256_mul_ps(pi, decay), _mm256_div_ps(_mm256_mul_ps(stepSize, mi), denominator));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(p + i, pi);
    }
    for (; i < n; i++) {
        float gi = g[i];
        if (penalised) gi = gi + k->penalty * p[i];
        m[i] = k->b1 * m[i] + c1 * gi;
        v[i] = k->b2 * v[i] + c2 * gi * gi;
        float root = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(v[i])));
        p[i] = p[i] * k->decay - k->stepSize * m[i] / (root / k->correction + k->eps);
    }
}

/* The caller has checked that the four buffers are direct and hold n floats each. */
JNIEXPORT void JNICALL Java_org_sedlab_optim_NativeAdamW_step(JNIEnv *env, jclass type, jobject params, jobject grad, jobject first,
                                                              jobject second, jint n, jfloat b1, jfloat b2, jfloat eps, jfloat decay,
                                                              jfloat stepSize, jfloat correction, jfloat penalty) {
    (void) type;
    float *p = (*env)->GetDirectBufferAddress(env, params);
    const float *g = (*env)->GetDirectBufferAddress(env, grad);
    float *m = (*env)->GetDirectBufferAddress(env, first);
    float *v = (*env)->GetDirectBufferAddress(env, second);
    if (p == NULL || g == NULL || m == NULL || v == NULL) return;
    Coefficients k = {b1, b2, eps, decay, stepSize, correction, penalty};
    step(p, g, m, v, n, &k);
}
