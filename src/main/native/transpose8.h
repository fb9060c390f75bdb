/*
 * Eight rows of eight floats into eight vectors, column by column: the native library's way to bring values
 * that lie along rows into lanes, where a gather would be slower (AVX-512's on AMD Zen 4 most of all).
 * Only moves values, so it changes no bits. Included by matvec.c, gelu.c and gemm.c.
 */
#ifndef SEDLAB_TRANSPOSE8_H
#define SEDLAB_TRANSPOSE8_H

#include <immintrin.h>

/* Columns p .. p+7 of eight rows, transposed: t[q] holds column p+q, lane r from row[r]. */
__attribute__((target("avx2,fma"))) static void transpose8(const float *const row[8], int p, __m256 t[8]) {
    __m256 r0 = _mm256_loadu_ps(row[0] + p), r1 = _mm256_loadu_ps(row[1] + p), r2 = _mm256_loadu_ps(row[2] + p), r3 = _mm256_loadu_ps(row[3] + p);
    __m256 r4 = _mm256_loadu_ps(row[4] + p), r5 = _mm256_loadu_ps(row[5] + p), r6 = _mm256_loadu_ps(row[6] + p), r7 = _mm256_loadu_ps(row[7] + p);
    __m256 a0 = _mm256_unpacklo_ps(r0, r1), a1 = _mm256_unpackhi_ps(r0, r1), a2 = _mm256_unpacklo_ps(r2, r3), a3 = _mm256_unpackhi_ps(r2, r3);
    __m256 a4 = _mm256_unpacklo_ps(r4, r5), a5 = _mm256_unpackhi_ps(r4, r5), a6 = _mm256_unpacklo_ps(r6, r7), a7 = _mm256_unpackhi_ps(r6, r7);
    __m256 b0 = _mm256_shuffle_ps(a0, a2, 0x44), b1 = _mm256_shuffle_ps(a0, a2, 0xEE), b2 = _mm256_shuffle_ps(a1, a3, 0x44), b3 = _mm256_shuffle_ps(a1, a3, 0xEE);
    __m256 b4 = _mm256_shuffle_ps(a4, a6, 0x44), b5 = _mm256_shuffle_ps(a4, a6, 0xEE), b6 = _mm256_shuffle_ps(a5, a7, 0x44), b7 = _mm256_shuffle_ps(a5, a7, 0xEE);
    t[0] = _mm256_permute2f128_ps(b0, b4, 0x20);
    t[1] = _mm256_permute2f128_ps(b1, b5, 0x20);
    t[2] = _mm256_permute2f128_ps(b2, b6, 0x20);
    t[3] = _mm256_permute2f128_ps(b3, b7, 0x20);
    t[4] = _mm256_permute2f128_ps(b0, b4, 0x31);
    t[5] = _mm256_permute2f128_ps(b1, b5, 0x31);
    t[6] = _mm256_permute2f128_ps(b2, b6, 0x31);
    t[7] = _mm256_permute2f128_ps(b3, b7, 0x31);
}

#endif
