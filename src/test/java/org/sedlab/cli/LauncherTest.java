package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ./sedlab in a scratch checkout, with stand-ins for mvn (writes the jar, then
 * target/lib, unless told to stop between them as Ctrl-C would) and java (runs only with target/lib present).
 */
class LauncherTest {
    @TempDir Path tmp;

    @Test
    void aBuildInterruptedBetweenTheJarAndItsLibrariesIsRebuiltNextTime() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src/main"));
        Files.writeString(repo.resolve("src/main/Source.java"), "class Source {}\n");
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.copy(Path.of("sedlab"), repo.resolve("sedlab"));
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        script(bin.resolve("mvn"), "mkdir -p target; echo jar > target/sedlab.jar; echo built >> " + tmp.resolve("builds.txt")
                + "; if [ -f " + tmp.resolve("interrupt") + " ]; then exit 130; fi; mkdir -p target/lib; echo lib > target/lib/dep.jar");
        script(bin.resolve("java"), "ls " + repo.resolve("target/lib") + "/*.jar >/dev/null 2>&1 "
                + "|| { echo NoClassDefFoundError >&2; exit 1; }; echo ran \"${@: -1}\"");

        Files.writeString(tmp.resolve("interrupt"), "");
        assertEquals(130, launch(repo, bin).exit(), "the interrupted build fails");
        Files.delete(tmp.resolve("interrupt"));

        Result next = launch(repo, bin);
        assertEquals(0, next.exit(), next.output());
        assertTrue(next.output().contains("ran --help"), next.output());
        assertEquals(2, Files.readAllLines(tmp.resolve("builds.txt")).size(), "rebuilt after the interrupted build");

        assertEquals(0, launch(repo, bin).exit());
        assertEquals(2, Files.readAllLines(tmp.resolve("builds.txt")).size(), "a complete build is not repeated");
    }

    /**
     * The JDK's notice of the incubating Vector API is dropped from stderr; every other line, and the exit code,
     * pass. Read as a Java caller that waits first reads: Java's Process keeps of each stream only what the pipe
     * holds when its child ends, so the launcher must not end before the filter has passed java's last line on
     * (with java exec'd in the launcher's place, most of these launches lost it).
     */
    @Test
    void theVectorApiNoticeIsDroppedAndEverythingElsePasses() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("src/main"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
        Files.copy(Path.of("sedlab"), repo.resolve("sedlab"));
        Files.createDirectories(repo.resolve("environment"));
        Files.copy(Path.of("environment/java-options.sh"), repo.resolve("environment/java-options.sh"));
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        script(bin.resolve("mvn"), "mkdir -p target/lib; echo jar > target/sedlab.jar; echo lib > target/lib/dep.jar");
        script(bin.resolve("java"), "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2; echo out; echo 'sedlab: error: a real one' >&2; exit 3");
        for (int launch = 0; launch < 10; launch++) {
            ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("sedlab").toString(), "--help");
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, p.exitValue(), "java's exit code");
            assertEquals("out\n", out);
            assertEquals("sedlab: error: a real one\n", err.replaceFirst("(?s)^sedlab: building the jar \\(mvn package\\)\\.\\.\\.\n", ""),
                    "launch " + launch);
        }
    }

    private record Result(int exit, String output) {}

    private static Result launch(Path repo, Path bin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("sedlab").toString(), "--help").redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
