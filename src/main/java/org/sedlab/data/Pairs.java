package org.sedlab.data;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** An immutable list of operand pairs (a, b); labels are computed per op when needed. */
public final class Pairs {
    private final int[] a;
    private final int[] b;

    public Pairs(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("operand arrays differ in length: " + a.length + " vs " + b.length);
        }
        this.a = a.clone();
        this.b = b.clone();
    }

    /** Every pair with both operands in [lowest, p), a-major order. */
    public static Pairs domain(int p, int lowest) {
        int[] a = new int[domainSize(p, lowest)];
        int[] b = new int[a.length];
        int i = 0;
        for (int x = lowest; x < p; x++) {
            for (int y = lowest; y < p; y++) {
                a[i] = x;
                b[i] = y;
                i++;
            }
        }
        return new Pairs(a, b);
    }

    /** The number of pairs in {@link #domain(int, int)}. */
    public static int domainSize(int p, int lowest) {
        return (p - lowest) * (p - lowest);
    }

    public int size() { return a.length; }

    public int a(int i) { return a[i]; }

    public int b(int i) { return b[i]; }

    public Pairs slice(int from, int to) {
        return new Pairs(Arrays.copyOfRange(a, from, to), Arrays.copyOfRange(b, from, to));
    }

    /** A Fisher-Yates shuffle driven by the given generator. */
    public Pairs shuffled(RandomGenerator rng) {
        int[] order = new int[a.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return select(order);
    }

    /** n pairs drawn uniformly with replacement. */
    public Pairs sample(int n, RandomGenerator rng) {
        if (n <= 0) throw new IllegalArgumentException("batch size must be positive, got " + n);
        if (a.length == 0) throw new IllegalArgumentException("cannot sample from an empty set of pairs");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = rng.nextInt(a.length);
        return select(order);
    }

    public Pairs select(int[] indices) {
        int[] sa = new int[indices.length];
        int[] sb = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            sa[i] = a[indices[i]];
            sb[i] = b[indices[i]];
        }
        return new Pairs(sa, sb);
    }

    public int[] labels(ModOp op, int p) {
        int[] y = new int[a.length];
        for (int i = 0; i < y.length; i++) y[i] = op.apply(a[i], b[i], p);
        return y;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Pairs other && Arrays.equals(a, other.a) && Arrays.equals(b, other.b);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(a) + Arrays.hashCode(b); }
}
