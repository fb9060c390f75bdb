/*
 * Which of the library's instruction sets this CPU runs, for org.sedlab.linalg.NativeLibrary: the
 * functions take the level as an argument, so that a test can run the AVX2 code on an AVX-512 machine.
 */
#include <jni.h>

/* 2: AVX-512, 1: AVX2 with FMA, 0: neither (the Java code then runs instead). */
JNIEXPORT jint JNICALL Java_org_sedlab_linalg_NativeLibrary_bestLevel(JNIEnv *env, jclass type) {
    (void) env;
    (void) type;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
    return 0;
}
