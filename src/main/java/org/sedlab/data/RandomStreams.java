package org.sedlab.data;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from one run seed. Each purpose ("split", "init",
 * "batch" at step t, ...) gets its own generator that depends only on (seed, purpose, index), so
 * adding a new consumer or resuming a run mid-way never shifts another stream.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) { this.seed = seed; }

    public long seed() { return seed; }

    public SplittableRandom stream(String purpose) { return stream(purpose, 0); }

    public SplittableRandom stream(String purpose, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte c : purpose.getBytes(StandardCharsets.UTF_8)) h = mix(h ^ c);
        return new SplittableRandom(mix(h ^ mix(index)));
    }

    /** SplitMix64's finaliser: a bijective 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
