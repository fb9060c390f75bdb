package org.sedlab.linalg;

/**
 * exp in plain double arithmetic, so that it is the same bits on every JVM and CPU and fast: the
 * loss and softmax passes take about 50,000 per training step, where StrictMath's exp (the portable
 * one) costs 30 ns and Math.exp's JIT intrinsic is free to differ between machines and JDKs.
 *
 * <p>exp(x) = 2^k exp(r) with k the nearest integer to x / ln 2 and r = x - k ln 2 (ln 2 split in two
 * parts, so that k ln 2 is exact to the last bit), |r| <= ln 2 / 2; exp(r) by its Taylor series to
 * r^13 / 13!, whose remainder is below 1e-17 of the result. Within 2 ulp of the exact value.
 */
public final class PortableMath {
    private PortableMath() {}

    private static final double LN2_HI = 0.6931471803691238; // 0x3FE62E42FEE00000: k * LN2_HI is exact for |k| < 2^11
    private static final double LN2_LO = 1.9082149292705877e-10;
    private static final double INV_LN2 = 1.4426950408889634;
    // 1 / n! for n = 2 .. 13
    private static final double F2 = 1.0 / 2, F3 = F2 / 3, F4 = F3 / 4, F5 = F4 / 5, F6 = F5 / 6, F7 = F6 / 7, F8 = F7 / 8,
            F9 = F8 / 9, F10 = F9 / 10, F11 = F10 / 11, F12 = F11 / 12, F13 = F12 / 13;

    public static double exp(double x) {
        if (x != x) return x;
        if (x > 709.782712893384) return Double.POSITIVE_INFINITY;
        if (x < -745.1332191019412) return 0;
        double k = Math.rint(x * INV_LN2);
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
        // exp(r) = 1 + r + r^2 p(r), p by Estrin's scheme: independent chains the CPU overlaps
        double r2 = r * r;
        double r4 = r2 * r2;
        double low = Math.fma(Math.fma(F5, r, F4), r2, Math.fma(F3, r, F2));
        double mid = Math.fma(Math.fma(F9, r, F8), r2, Math.fma(F7, r, F6));
        double high = Math.fma(Math.fma(F13, r, F12), r2, Math.fma(F11, r, F10));
        double p = Math.fma(Math.fma(high, r4, mid), r4, low);
        double er = Math.fma(r2, p, r) + 1;
        int n = (int) k;
        // 2^n from its bits while it is a normal number; scalb rounds the subnormal results
        return n >= -1022 && n <= 1023 ? er * Double.longBitsToDouble((long) (n + 1023) << 52) : Math.scalb(er, n);
    }
}
