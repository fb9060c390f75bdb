package org.sedlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path dir;

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain.txt")); // permissions from the umask
        Path written = dir.resolve("run.json");
        AtomicFile.writeString(written, "{}\n");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
        AtomicFile.writeString(written, "{\"again\": 1}\n");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }

    @Test
    void aTemporaryFileLeftByAKilledWriterIsRemovedWhenTheFileIsWrittenAgain() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createFile(dir.resolve(".run.json." + gone.pid() + ".1f2e.tmp"));
        Path live = Files.createFile(dir.resolve(".run.json." + ProcessHandle.current().pid() + ".3c4d.tmp"));
        Path other = Files.createFile(dir.resolve(".metrics.csv." + gone.pid() + ".5a6b.tmp"));
        AtomicFile.writeString(dir.resolve("run.json"), "{}\n");
        assertFalse(Files.exists(stale), "the dead writer's temporary is gone");
        assertTrue(Files.exists(live), "a live writer's temporary is left alone");
        assertTrue(Files.exists(other), "another file's temporary waits for that file's next write");
        AtomicFile.writeString(dir.resolve("metrics.csv"), "step\n");
        assertFalse(Files.exists(other));
    }

    @Test
    void aPairIsWrittenWholeAndAFailedPairLeavesTheOldOneAsItWas() throws Exception {
        Path csv = dir.resolve("table.csv");
        Path json = dir.resolve("table.json");
        AtomicFile.writePair(csv, out -> out.write("a\n1\n".getBytes(StandardCharsets.UTF_8)), json, out -> out.write("{}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\n1\n", Files.readString(csv));
        assertEquals("{}\n", Files.readString(json));

        assertThrows(UncheckedIOException.class, () -> AtomicFile.writePair(csv, out -> out.write("a\n2\n".getBytes(StandardCharsets.UTF_8)),
                json, out -> {
                    throw new IOException("disk full");
                }));
        assertEquals("a\n1\n", Files.readString(csv), "the table did not move: its record could not be written");
        assertEquals("{}\n", Files.readString(json));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporaries left");
        }
    }

    @Test
    void aDiskErrorWrappedByALibrarysWriterIsNamedWithTheFileAndNothingIsLeft() throws Exception {
        Path target = dir.resolve("series.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("Error closing the output.", new IOException("No space left on device"));
        }));
        assertEquals("could not write " + target + ": No space left on device", e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no file and no temporary left");
        }
    }
}
