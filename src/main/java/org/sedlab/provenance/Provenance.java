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
     * The commit of the code in the repository around the current directory ("-dirty" with uncommitted
     * changes), or "unknown": the last commit that changed anything outside {@code data/}, so that
     * committing results as a sweep lands them neither changes the commit its later units record nor
     * makes them dirty. Read once, at the first call: results written at the end of a long command must
     * name the code that started it, not a commit made while it ran; the CLI calls this at start-up.
     * A process started by a sweep inherits the sweep's commit through {@value #COMMIT_VARIABLE}: it
     * runs the sweep's jar, whatever the working tree holds by then.
     */
    public static synchronized String gitCommit() {
        String inherited = System.getenv(COMMIT_VARIABLE);
        if (commitAtStart == null && inherited != null && !inherited.isBlank()) commitAtStart = inherited;
        if (commitAtStart == null) commitAtStart = codeCommit(Path.of("").toAbsolutePath());
        return commitAtStart;
    }

    private static String commitAtStart;

    /** {@link #gitCommit()} for the repository around {@code directory}, read now. */
    static String codeCommit(Path directory) {
        String head = run(directory, "git", "log", "-1", "--format=%H", "--", CODE, NOT_RESULTS);
        if (head == null || head.isEmpty()) return "unknown";
        String status = run(directory, "git", "status", "--porcelain", "--untracked-files=no", "--", CODE, NOT_RESULTS);
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    /** Git pathspecs: the whole repository but its committed results. */
    private static final String CODE = ":/";
    private static final String NOT_RESULTS = ":(top,exclude)data";

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

    private static String run(Path directory, String... command) {
        try {
            Process proc = new ProcessBuilder(command).directory(directory.toFile())
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
