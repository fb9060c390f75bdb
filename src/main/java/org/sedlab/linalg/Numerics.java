package org.sedlab.linalg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How float32 matrix products are computed, and so whether results carry over between machines.
 * <ul>
 *   <li>{@link #PORTABLE} (the default): {@link PortableGemm}, one summation order fixed by definition in
 *       Java, so a run is the same bits on every CPU and JVM: results are a function of the commit and
 *       the configuration alone. Needs the CPU's FMA instructions for speed (every x86-64 CPU with AVX2
 *       has them); without them Java emulates the fused multiply-add, with the same bits, far slower.</li>
 *   <li>{@link #FAST}: oneDNN's sgemm at the CPU's best instruction set (AVX-512 where there is one).
 *       Its blocking, and so its rounding, depend on the instruction set, the cache sizes and the
 *       shape: a run is reproducible on the machine, not across machines. Recorded as not portable;
 *       {@code reproduce} refuses it for the committed data.</li>
 * </ul>
 * Chosen with -Dsedlab.numerics=fast or SEDLAB_NUMERICS=fast. The remaining native code on the numeric
 * path (ND4J's element-wise operations and reductions) is ND4J's generic x86-64 build with no dispatch
 * on the CPU; {@link #pinLibraries} pins its threads, and OpenBLAS's, inside the program.
 */
public enum Numerics {
    PORTABLE,
    FAST;

    public static final String PROPERTY = "sedlab.numerics";
    public static final String VARIABLE = "SEDLAB_NUMERICS";

    private static volatile Numerics active;

    /** The mode in force: the configured one unless {@link #use} changed it. */
    public static Numerics active() {
        Numerics a = active;
        if (a == null) {
            a = configured();
            active = a;
        }
        return a;
    }

    /** The mode named by the system property or the environment; portable when neither says. */
    public static Numerics configured() {
        String v = System.getProperty(PROPERTY, System.getenv(VARIABLE));
        if (v == null || v.isBlank()) return PORTABLE;
        try {
            return parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (set in " + VARIABLE + " or -D" + PROPERTY + ")");
        }
    }

    /** "portable" or "fast", in any case. */
    public static Numerics parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown numerics '" + name + "': choose portable or fast");
        }
    }

    /**
     * Makes {@code mode} the active one until the returned scope closes (the benchmark times both modes
     * in one process); the previous mode comes back on close.
     */
    public static Scope use(Numerics mode) {
        Numerics previous = active();
        active = mode;
        return () -> active = previous;
    }

    /** A mode in force until closed. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Whether results in this mode are the same bits on every machine. */
    public boolean portable() { return this == PORTABLE; }

    /** For provenance: the mode, what computes the products, and whether the bits carry over. */
    public String describe() {
        if (this == PORTABLE) {
            return "portable: fixed-order float32 (PortableGemm: " + PortableGemm.implementation() + "), the same bits on every CPU"
                    + (cpuHasFma() ? "" : "; this CPU has no FMA instructions, so Java emulates them (same bits, slow)");
        }
        return "fast: " + Blas.oneDnnLibrary() + ", rounding depends on the CPU (not portable)";
    }

    /** Whether /proc/cpuinfo lists FMA (true where it cannot be read: only Linux says). */
    static boolean cpuHasFma() {
        String flags = cpuFlags();
        return flags.isEmpty() || flags.contains(" fma ");
    }

    /** The CPU's feature flags as /proc/cpuinfo lists them, space-padded; empty where unknown. */
    static String cpuFlags() {
        String flags = CpuInfo.FIELDS.get("flags");
        return flags == null ? "" : " " + flags + " ";
    }

    /** The CPU's model name as /proc/cpuinfo gives it, or the architecture where it cannot be read. */
    public static String cpuModel() {
        return CpuInfo.FIELDS.getOrDefault("model name", System.getProperty("os.arch"));
    }

    /** The first processor's fields of /proc/cpuinfo, read once (empty where it cannot be read). */
    private static final class CpuInfo {
        static final java.util.Map<String, String> FIELDS = read();

        private static java.util.Map<String, String> read() {
            java.util.Map<String, String> fields = new java.util.HashMap<>();
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    int colon = line.indexOf(':');
                    if (line.isBlank() && !fields.isEmpty()) break;
                    if (colon > 0) fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or not readable
            }
            return fields;
        }
    }

    /**
     * The widest vector instruction set the CPU offers for floats (what C2 and oneDNN may use), for the
     * benchmark's header and provenance: "avx512f", "avx2", "avx" or "sse2".
     */
    public static String instructionSet() {
        String flags = cpuFlags();
        for (String isa : new String[]{"avx512f", "avx2", "avx"}) if (flags.contains(" " + isa + " ")) return isa;
        return flags.isEmpty() ? "unknown" : "sse2";
    }

    private static boolean pinned;

    /**
     * One thread for ND4J's own operations and for OpenBLAS, whatever the caller's environment says: a
     * reduction split over threads adds its partial sums in an order that depends on their number.
     * Sweeps run one single-threaded process per core instead.
     */
    public static synchronized void pinLibraries() {
        if (pinned) return;
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1);
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(1);
        pinned = true;
    }
}
