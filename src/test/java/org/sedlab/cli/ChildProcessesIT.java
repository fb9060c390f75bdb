package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sedlab process that is killed takes the sedlab processes it started with it, and says so when it can. */
class ChildProcessesIT {
    @TempDir static Path tmp;
    private static Path run;

    @BeforeAll
    static void trainOneStep() {
        run = tmp.resolve("run");
        assertEquals(0, Main.run("train", "--op", "add", "--max-steps", "1", "--eval-every", "1", "--checkpoint-every", "1",
                "--no-stop-at-grok", "--out", run.toString()));
    }

    @Test
    void fisherScaleKilledWithSigkillLeavesNoMeasuringProcess() throws Exception {
        Process parent = fisherScale("kill");
        ProcessHandle child = awaitChild(parent);
        parent.destroyForcibly();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        assertTrue(child.onExit().get(10, TimeUnit.SECONDS) != null && !child.isAlive(), "the measuring JVM ended with its parent");
    }

    @Test
    void fisherScaleStoppedWithSigtermSaysSoAndLeavesNoMeasuringProcess() throws Exception {
        Process parent = fisherScale("term");
        ProcessHandle child = awaitChild(parent);
        parent.destroy();
        assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
        child.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(child.isAlive());
        String err = Files.readString(tmp.resolve("term.err"), StandardCharsets.UTF_8);
        assertTrue(err.contains("sedlab: stopped before the command finished"), err);
        assertFalse(Files.exists(tmp.resolve("term.csv")), "no result published");
    }

    /** fisher-scale on a matrix-free size that keeps its measuring process busy for seconds. */
    private static Process fisherScale(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "fisher-scale", "--run", run.toString(), "--n", "9409",
                "--methods", "lanczos", "--out", tmp.resolve(name + ".csv").toString()))
                .redirectOutput(tmp.resolve(name + ".out").toFile()).redirectError(tmp.resolve(name + ".err").toFile());
        pb.environment().remove("SEDLAB_SWEEP_PID");
        return pb.start();
    }

    private static ProcessHandle awaitChild(Process parent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = parent.toHandle().children().findFirst();
            if (child.isPresent()) {
                Thread.sleep(1000); // past the child's start-up, into its measurement
                return child.get();
            }
            assertTrue(parent.isAlive(), "fisher-scale ended before it started its measuring process");
            Thread.sleep(100);
        }
        throw new AssertionError("no measuring process within 60 s");
    }

}
