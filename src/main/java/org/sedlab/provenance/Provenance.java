package org.sedlab.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.sedlab.linalg.Blas;
import org.sedlab.linalg.Numerics;
import org.sedlab.model.Engine;

/**
 * Where a result came from: library versions (recorded at build time), the git commit of the working
 * tree (with "-dirty" for uncommitted changes), the Java runtime and the machine.
 */
public final class Provenance {
    private Provenance() {}

    public static Map<String, Object> describe() {
        Map<String, Object> p = new LinkedHashMap<>();
        Properties build = buildProperties();
        p.put("sedlab_version", build.getProperty("sedlab.version", "unknown"));
        p.put("git_commit", gitCommit());
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("nd4j", build.getProperty("nd4j.version", "unknown") + " (" + build.getProperty("nd4j.backend", "?") + ")");
        libs.put("tablesaw", build.getProperty("tablesaw.version", "unknown"));
        libs.put("xchart", build.getProperty("xchart.version", "unknown"));
        libs.put("gemm", Blas.gemmLibrary());
        p.put("libraries", libs);
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        p.put("host", hostName());
        p.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        // float32 models run on this engine; float64 ones always on SameDiff.
        p.put("engine", Engine.configured().id());
        // results carry over between machines only in the portable mode
        p.put("numerics", Numerics.active().id());
        p.put("instruction_set", Numerics.instructionSet());
        return p;
    }

    /**
     * The commit of the repository around the current directory ("-dirty" with uncommitted changes),
     * or "unknown". Read once, at the first call: results written at the end of a long command must
     * name the code that started it, not a commit made while it ran; the CLI calls this at start-up.
     * A process started by a sweep inherits the sweep's commit through {@value #COMMIT_VARIABLE}: it
     * runs the sweep's jar, whatever the working tree holds by then.
     */
    public static synchronized String gitCommit() {
        String inherited = System.getenv(COMMIT_VARIABLE);
        if (commitAtStart == null && inherited != null && !inherited.isBlank()) commitAtStart = inherited;
        if (commitAtStart == null) {
            String head = run("git", "rev-parse", "HEAD");
            String status = head == null ? null : run("git", "status", "--porcelain", "--untracked-files=no");
            commitAtStart = head == null ? "unknown" : status == null || status.isEmpty() ? head : head + "-dirty";
        }
        return commitAtStart;
    }

    private static String commitAtStart;

    /** The environment variable through which a parent sedlab process hands its commit to its children. */
    public static final String COMMIT_VARIABLE = "SEDLAB_GIT_COMMIT";

    private static Properties buildProperties() {
        Properties props = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/sedlab-build.properties")) {
            if (in != null) props.load(in);
        } catch (IOException ignored) {
            // versions then read "unknown"
        }
        return props;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String run(String... command) {
        try {
            Process proc = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
