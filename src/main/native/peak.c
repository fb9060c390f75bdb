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

/*
 * chains<bits>: chain c starts at start + c and steps x = fma(x, mul, add), `iterations` times, in every lane
 * alike; returns the sum over the chains of their finals (lane 0).
 */
#define CHAINS_OF(BITS, VECTOR, SET1, FMADD, LANE0, TARGET)                                                                    \
    __attribute__((target(TARGET))) static float chains##BITS(long iterations, float start, float mul, float add) {           \
        VECTOR x[CHAINS];                                                                                                      \
        for (int c = 0; c < CHAINS; c++) x[c] = SET1(start + c);                                                               \
        VECTOR m = SET1(mul), a = SET1(add);                                                                                   \
        for (long i = 0; i < iterations; i++) {                                                                                \
            for (int c = 0; c < CHAINS; c++) x[c] = FMADD(x[c], m, a);                                                         \
        }                                                                                                                      \
        float sum = 0;                                                                                                         \
        for (int c = 0; c < CHAINS; c++) sum += LANE0(x[c]);                                                                   \
        return sum;                                                                                                            \
    }
CHAINS_OF(512, __m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_cvtss_f32, "avx512f")
CHAINS_OF(256, __m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_cvtss_f32, "avx2,fma")

/* level 2: AVX-512 (16 lanes), 1: AVX2 (8 lanes). */
JNIEXPORT jfloat JNICALL Java_org_sedlab_linalg_FmaPeak_chains(JNIEnv *env, jclass type, jint level, jlong iterations, jfloat start,
                                                                jfloat mul, jfloat add) {
    (void) env;
    (void) type;
    return level == 2 ? chains512(iterations, start, mul, add) : chains256(iterations, start, mul, add);
}
