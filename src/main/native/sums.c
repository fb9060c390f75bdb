/*
 * linalg/FloatSums' row sums and dot products in native code, for org.sedlab.linalg.NativeFloatSums: each
 * row summed in eight partial sums, lane j of an eight-float vector being FloatSums' s_j, combined as
 * ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the last len % 8 values one by one: the same
 * float operations in the same order, so the same bits (FloatSumsTest compares them). Products and sums
 * are separate roundings, as in Java (build.sh: -ffp-contract=off). Eight lanes are AVX's width, so AVX2
 * and AVX-512 machines run the same code. Rows lie one after another, `len` floats each.
 */
#include <jni.h>
#include <immintrin.h>
#include "held.h"

__attribute__((target("avx"))) static float combined(__m256 lanes) {
    float s[8];
    _mm256_storeu_ps(s, lanes);
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

__attribute__((target("avx"))) static void sums(const float *a, int rows, int len, float *out) {
    for (int r = 0; r < rows; r++, a += len) {
        __m256 lanes = _mm256_setzero_ps();
        int i = 0;
        for (; i + 8 <= len; i += 8) lanes = _mm256_add_ps(lanes, _mm256_loadu_ps(a + i));
        float s = combined(lanes);
        for (; i < len; i++) s += a[i];
        out[r] = s;
    }
}

__attribute__((target("avx"))) static void dots(const float *a, const float *b, int rows, int len, float *out) {
    for (int r = 0; r < rows; r++, a += len, b += len) {
        __m256 lanes = _mm256_setzero_ps();
        int i = 0;
        for (; i + 8 <= len; i += 8) lanes = _mm256_add_ps(lanes, _mm256_mul_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
        float s = combined(lanes);
        for (; i < len; i++) s += a[i] * b[i];
        out[r] = s;
    }
}

/* out[oo + r] = the sum of row r of a (from ao), for `rows` rows of `len` floats. */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeFloatSums_rowSums(JNIEnv *env, jclass type, jfloatArray a, jint ao, jint rows,
                                                                      jint len, jfloatArray out, jint oo) {
    (void) type;
    float *x = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    if (x == NULL) return;
    float *y = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (y != NULL) {
        sums(x + ao, rows, len, y + oo);
        (*env)->ReleasePrimitiveArrayCritical(env, out, y, 0);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, a, x, JNI_ABORT);
}

/* out[oo + r] = row r of a (from ao) . row r of b (from bo); a and b may be the same array. */
JNIEXPORT void JNICALL Java_org_sedlab_linalg_NativeFloatSums_rowDots(JNIEnv *env, jclass type, jfloatArray a, jint ao, jfloatArray b,
                                                                      jint bo, jint rows, jint len, jfloatArray out, jint oo) {
    (void) type;
    float *x = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    if (x == NULL) return;
    float *z = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (z != NULL) {
        float *y = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
        if (y != NULL) {
            dots(x + ao, z + bo, rows, len, y + oo);
            (*env)->ReleasePrimitiveArrayCritical(env, out, y, 0);
        }
        (*env)->ReleasePrimitiveArrayCritical(env, b, z, JNI_ABORT);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, a, x, JNI_ABORT);
}

/*
 * The sum, in order and in double, of x[i] * y[i] for i < n (each product exact in double): Blas.dot's
 * chain, the same additions one after another, at the latency of an addition (Java's loop, behind its
 * copies out of the buffers, took twice as long). GCC does not reorder it (no -ffast-math).
 */
JNIEXPORT jdouble JNICALL Java_org_sedlab_linalg_NativeFloatSums_dotInDouble(JNIEnv *env, jclass type, jobject xd, jfloatArray xa, jint xo,
                                                                             jobject yd, jfloatArray ya, jint yo, jint n) {
    (void) type;
    const float *x = holdFloats(env, xd, xa, xo);
    const float *y = x == NULL ? NULL : holdFloats(env, yd, ya, yo);
    double sum = 0;
    if (y != NULL) {
        for (jint i = 0; i < n; i++) sum += (double) x[i] * (double) y[i];
    }
    releaseFloats(env, yd, ya, yo, y);
    releaseFloats(env, xd, xa, xo, x);
    return sum;
}
