package org.sedlab.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * sedlab's native library ({@code src/main/native}): the fixed-order matrix products and their
 * transposed operands ({@link NativeGemm}), the row sums and dot products ({@link NativeFloatSums}), GELU
 * ({@code model/NativeGelu}) and AdamW's step ({@code optim/NativeAdamW}), each computing the same float
 * operations per element as the Java code it replaces, so the same bits, faster; and the benchmark's
 * measure of the core's multiply-add peak ({@link FmaPeak}). It is built with the jar when a C
 * compiler is there and loaded from it here; where it is missing, cannot load, the CPU lacks AVX2 and
 * FMA, or {@code -Dsedlab.gemm=java} asks for it, {@link #AVAILABLE} is false, {@link #STATUS} says why,
 * and the Java code runs instead ({@code -Dsedlab.gemm=avx2} runs the AVX2 code on an AVX-512 machine,
 * as an AVX2-only one would).
 */
public final class NativeLibrary {
    /** "java" keeps everything on the Java paths, "avx2" holds the library to AVX2 (the same bits either way), for comparisons. */
    public static final String PROPERTY = "sedlab.gemm";
    private static final String RESOURCE = "native/linux-x86_64/libsedlab-native.so";

    /** The code the library runs, slowest first; {@link #LEVEL} is the one used here. */
    public enum Level {
        AVX2("avx2"), AVX512("avx512f");

        final String isa;

        Level(String isa) { this.isa = isa; }

        /** The level as the library's functions take it. */
        public int code() { return ordinal() + 1; }
    }

    /** The level used here, or null when the library is not used. */
    public static final Level LEVEL;
    public static final boolean AVAILABLE;
    /** "native avx512f", or why the Java code runs instead. */
    public static final String STATUS;

    static {
        Level level = null;
        String status;
        try {
            status = load();
            if (status == null) {
                int best = bestLevel();
                boolean capped = best == 2 && "avx2".equals(System.getProperty(PROPERTY));
                level = best == 2 && !capped ? Level.AVX512 : best >= 1 ? Level.AVX2 : null;
                status = level == null ? "not used: this CPU has neither AVX-512 nor AVX2 with FMA"
                        : "native " + level.isa + (capped ? " (-D" + PROPERTY + "=avx2)" : "");
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            status = "not used: the library did not load (" + e.getMessage() + ")";
        }
        LEVEL = level;
        AVAILABLE = level != null;
        STATUS = status;
    }

    private NativeLibrary() {}

    /** Whether the library can read a buffer: an array behind it, or direct memory in native order. */
    public static boolean reads(FloatBuffer b) {
        return b.hasArray() || (b.isDirect() && b.order() == ByteOrder.nativeOrder());
    }

    /** Whether this process runs the library's code for {@code level}. */
    public static boolean runs(Level level) {
        return AVAILABLE && level.compareTo(LEVEL) <= 0;
    }

    /** Loads the library; null when loaded, else why not. */
    private static String load() throws IOException {
        if ("java".equals(System.getProperty(PROPERTY))) return "not used: -D" + PROPERTY + "=java";
        String os = System.getProperty("os.name"), arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) return "not used: built for Linux on x86-64 only";
        byte[] library;
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return "not built: the jar was built without a C compiler (apt-get install gcc libc6-dev, then rebuild)";
            library = in.readAllBytes();
        }
        System.load(extract(library).toString());
        return null;
    }

    /**
     * The library as a file to load: under the temporary folder, in a folder named for the SHA-256 of its
     * bytes, so that processes share one copy and a copy of other bytes is never loaded; written to a
     * temporary name and renamed, so that no process loads a half-written file.
     */
    private static Path extract(byte[] library) throws IOException {
        String digest;
        try {
            digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sedlab-native-" + System.getProperty("user.name"), digest.substring(0, 16));
        Path file = dir.resolve("libsedlab-native.so");
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), library)) return file;
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "libsedlab-native", ".tmp");
        Files.write(tmp, library);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** 2: AVX-512, 1: AVX2 with FMA, 0: neither. */
    private static native int bestLevel();
}
