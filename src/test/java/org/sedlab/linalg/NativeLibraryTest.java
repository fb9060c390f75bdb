package org.sedlab.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The native library is built and loaded wherever the build had a C compiler (so that the tests of the
 * native routes cannot pass by skipping them), and it runs the best code this CPU has.
 */
class NativeLibraryTest {
    @Test
    void loadsWhereTheBuildHadACompiler() {
        boolean compiler = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            compiler |= Files.isExecutable(Path.of(dir, "gcc"));
        }
        assertTrue(NativeLibrary.AVAILABLE || !compiler, "the build had gcc, so the native library must load: " + NativeLibrary.STATUS);
        if (!NativeLibrary.AVAILABLE) return;
        NativeLibrary.Level expected = Numerics.instructionSet().equals("avx512f") ? NativeLibrary.Level.AVX512 : NativeLibrary.Level.AVX2;
        assertEquals(expected, NativeLibrary.LEVEL, NativeLibrary.STATUS);
        assertEquals("native " + expected.isa, NativeLibrary.STATUS);
        assertTrue(NativeLibrary.runs(NativeLibrary.Level.AVX2), "every level below the CPU's runs too");
    }
}
