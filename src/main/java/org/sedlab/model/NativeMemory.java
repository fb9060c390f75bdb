package org.sedlab.model;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ND4J frees an array's native buffer only when its Java owner is garbage-collected, and with a small
 * Java heap that is rare: a process that makes arrays in a loop keeps faulting in fresh pages (passes
 * measured 5-8x slower) and its RSS grows by gigabytes (an analysis reached 3.7 GB). Long loops call
 * {@link #release()} once per unit of work (a checkpoint) to keep both flat.
 */
public final class NativeMemory {
    private NativeMemory() {}

    /**
     * Frees the native buffers of arrays the caller is done with, now rather than at the next collection;
     * views and arrays in a workspace are left to their owners. Loops that make large temporaries (a
     * coupling evaluation makes four of 0.5-1 MB) free them here, which keeps the analysis's RSS flat.
     */
    public static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) a.close();
        }
    }

    /**
     * Refuses, before any work, arrays of {@code bytes} that ND4J could not allocate: more than its
     * native memory cap (JavaCPP's maxbytes, the heap size unless set) has left.
     *
     * @param what   what the arrays are, as the user asked for them
     * @param advice which option to lower, or what to use instead
     */
    public static void requireRoom(long bytes, String what, String advice) {
        long cap = Pointer.maxBytes();
        long free = cap > 0 ? cap - Pointer.totalBytes() : Long.MAX_VALUE;
        if (bytes > free) {
            throw new IllegalArgumentException(String.format("%s needs %,d MiB, more than the %,d MiB of native memory this process has "
                    + "left (JavaCPP's maxbytes, its -Xmx unless -Dorg.bytedeco.javacpp.maxbytes sets it): %s", what, bytes >> 20, free >> 20, advice));
        }
    }

    /** Collects garbage now, which frees the native buffers of unreachable arrays. */
    public static void release() {
        System.gc();
    }
}
