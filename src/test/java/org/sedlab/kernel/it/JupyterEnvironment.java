package org.sedlab.kernel.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Jupyter for integration tests: Debian's /usr/bin/jupyter with this checkout's kernel spec installed
 * under a prefix of its own (target/it-jupyter, found through JUPYTER_PATH). Without Jupyter the tests are
 * skipped, except under CI=true, where they fail: CI must exercise them.
 */
final class JupyterEnvironment {

    /** The variable of the environment {@link #require} returns that names this checkout's kernel spec. */
    static final String KERNEL_NAME = "SEDLAB_KERNEL_NAME";
    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    private static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    private static final Path PREFIX = ROOT.resolve("target/it-jupyter");

    private JupyterEnvironment() {
    }

    /** Skips (or under CI fails) when Jupyter is absent; installs the kernel spec; returns the environment to run with (its name in KERNEL_NAME). */
    static Map<String, String> require() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(JUPYTER) && run(List.of(JUPYTER.toString(), "nbconvert", "--version"), Map.of(), 120).exitCode == 0;
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("Jupyter (/usr/bin/jupyter with nbconvert) is missing under CI=true; run bash environment/setup.sh");
            }
            Assumptions.abort("Jupyter is not installed; bash environment/setup.sh installs it");
        }
        Result spec = run(List.of("bash", ROOT.resolve("environment/kernelspec.sh").toString(), "--prefix", PREFIX.toString()), Map.of(), 60);
        Assertions.assertEquals(0, spec.exitCode, spec.output);
        String[] printed = spec.output.strip().split("\n");
        return Map.of("JUPYTER_PATH", PREFIX.resolve("share/jupyter").toString(), "OMP_NUM_THREADS", "1",
                KERNEL_NAME, printed[printed.length - 1]);
    }

    /** Skips (or under CI fails) when Debian's python3 lacks a module that environment/test.sh installs. */
    static void requirePythonModule(String module, String debianPackage) throws IOException, InterruptedException {
        if (run(List.of("/usr/bin/python3", "-c", "import " + module), Map.of(), 60).exitCode != 0) {
            String missing = module + " is missing; apt-get install " + debianPackage + " (environment/test.sh does)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(missing);
            }
            Assumptions.abort(missing);
        }
    }

    /** Runs a check script with Jupyter and this checkout's kernel (named in KERNEL_NAME); prints what it said, fails unless it exits 0. */
    static void runCheck(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result result = run(List.of(command), require(), timeoutSeconds);
        System.out.println(result.output);
        Assertions.assertEquals(0, result.exitCode, result.output);
    }

    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("jupyter-it", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
