/*
 * The core's multiply-add peak, for org.sedlab.linalg.FmaPeak: twelve independent chains of fused
 * multiply-adds on full vectors, enough to cover the units' latency, so the loop runs at the rate the
 * core issues them. It bounds what any matrix product can reach here (the benchmark's floors are read
 * against it). The chains' sum is returned, so the compiler must compute every one of them and a test
 * can check it against the same chains computed in Java.
 */
#include <jni.h>
#include <immintrin.h>

#define CHAINS 12

/* Chain c starts at start + c and steps x = fma(x, mul, add), `iterations` times; the sum of the lanes' finals (all lanes alike) over the chains. */
__attribute__((target("avx512f"))) static float chains512(long iterations, float start, float mul, float add) {
    __m512 x[CHAINS];
    for (int c = 0; c < CHAINS; c++) x[c] = _mm512_set1_ps(start + c);
    __m512 m = _mm512_set1_ps(mul), a = _mm512_set1_ps(add);
    for (long i = 0; i < iterations; i++) {
        for (int c = 0; c < CHAINS; c++) x[c] = _mm512_fmadd_ps(x[c], m, a);
    }
    float sum = 0;
    for (int c = 0; c < CHAINS; c++) sum += _mm512_cvtss_f32(x[c]);
    return sum;
}

__attribute__((target("avx2,fma"))) static float chains256(long iterations, float start, float mul, float add) {
    __m256 x[CHAINS];
    for (int c = 0; c < CHAINS; c++) x[c] = _mm256_set1_ps(start + c);
    __m256 m = _mm256_set1_ps(mul), a = _mm256_set1_ps(add);
    for (long i = 0; i < iterations; i++) {
        for (int c = 0; c < CHAINS; c++) x[c] = _mm256_fmadd_ps(x[c], m, a);
    }
    float sum = 0;
    for (int c = 0; c < CHAINS; c++) sum += _mm256_cvtss_f32(x[c]);
    return sum;
}

/* level 2: AVX-512 (16 lanes), 1: AVX2 (8 lanes). */
JNIEXPORT jfloat JNICALL Java_org_sedlab_linalg_FmaPeak_chains(JNIEnv *env, jclass type, jint level, jlong iterations, jfloat start,
                                                                jfloat mul, jfloat add) {
    (void) env;
    (void) type;
    return level == 2 ? chains512(iterations, start, mul, add) : chains256(iterations, start, mul, add);
}
