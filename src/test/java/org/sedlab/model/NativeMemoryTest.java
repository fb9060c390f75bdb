package org.sedlab.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
    @Test
    void arraysBeyondTheNativeCapAreRefusedNamingWhatAndWhichOptionToLower() {
        NativeMemory.requireRoom(1 << 20, "a small matrix", "never shown");
        long beyond = Pointer.maxBytes() + (1L << 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NativeMemory.requireRoom(beyond, "the exact SVD's matrix of --batch 5000", "lower --batch"));
        assertTrue(e.getMessage().startsWith("the exact SVD's matrix of --batch 5000 needs ") && e.getMessage().endsWith(": lower --batch"),
                e.getMessage());
    }
}
