/*
 * A float vector as Java passes it to the native library: a direct buffer (its address) or an array (held
 * with GetPrimitiveArrayCritical, read from `from`), the two ways a FloatBuffer keeps its values. Read only:
 * an array is released without copying back. Included by matvec.c and sums.c.
 */
#ifndef SEDLAB_HELD_H
#define SEDLAB_HELD_H

#include <jni.h>

/* The vector's first value, or NULL when the JVM could not hold it. */
static const float *holdFloats(JNIEnv *env, jobject direct, jfloatArray array, jint from) {
    if (direct != NULL) return (*env)->GetDirectBufferAddress(env, direct);
    float *base = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    return base == NULL ? NULL : base + from;
}

static void releaseFloats(JNIEnv *env, jobject direct, jfloatArray array, jint from, const float *values) {
    if (direct == NULL && values != NULL) (*env)->ReleasePrimitiveArrayCritical(env, array, (void *) (values - from), JNI_ABORT);
}

#endif
