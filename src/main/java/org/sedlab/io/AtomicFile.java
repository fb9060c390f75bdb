package org.sedlab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a
 * half-written file: write to a temporary file in the same directory, then rename over the target.
 * The temporary file is created as any new file is (permissions from the umask, not owner-only) and
 * is named {@code .<target>.<pid>.<random>.tmp}; one left by a writer that died is removed the next
 * time the target is written.
 */
public final class AtomicFile {
    private AtomicFile() {}

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        try (Prepared file = prepare(target, writer)) {
            file.moveIntoPlace();
        }
    }

    /**
     * Writes {@code first} and {@code last} together, {@code last} the one readers wait for (a result's
     * JSON record beside its CSV): both are written to their temporaries before either moves, the old
     * {@code last} is removed, then {@code first} and {@code last} move into place in that order. So
     * whenever {@code last} is there, {@code first} is the file written with it.
     */
    public static void writePair(Path first, Writer firstWriter, Path last, Writer lastWriter) {
        try (Prepared a = prepare(first, firstWriter); Prepared b = prepare(last, lastWriter)) {
            try {
                Files.deleteIfExists(last);
            } catch (IOException e) {
                throw new UncheckedIOException("could not replace " + last + ": " + e.getMessage(), e);
            }
            a.moveIntoPlace();
            b.moveIntoPlace();
        }
    }

    /** A file written in full to its temporary; closed before it moved into place, the temporary is deleted. */
    private static final class Prepared implements AutoCloseable {
        private final Path target;
        private Path tmp;

        private Prepared(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        void moveIntoPlace() {
            try {
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
            } catch (IOException e) {
                throw failure(target, e);
            }
        }

        @Override
        public void close() {
            deleteQuietly(tmp);
        }
    }

    private static Prepared prepare(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        boolean written = false;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir, target.getFileName().toString());
            tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                writer.writeTo(out);
            }
            written = true;
            return new Prepared(target, tmp);
        } catch (IOException e) {
            throw failure(target, e);
        } catch (RuntimeException e) {
            // A library's writer (Tablesaw's CSV) wraps the disk's error in its own ("Error closing the output."): name it.
            IOException cause = ioCause(e);
            if (cause == null) throw e;
            throw failure(target, cause);
        } finally {
            if (!written) deleteQuietly(tmp);
        }
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof IOException io) return io;
        return null;
    }

    private static UncheckedIOException failure(Path target, IOException e) {
        return new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) return;
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // the original error is the one worth reporting
        }
    }

    public static void writeString(Path target, String content) {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes temporary files of {@code name} whose writing process is no longer alive (killed mid-write). */
    private static void removeStaleTemporaries(Path dir, String name) throws IOException {
        Pattern temporary = Pattern.compile(Pattern.quote("." + name + ".") + "(\\d{1,18})\\.[0-9a-f]+\\.tmp");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path file : files) {
                Matcher m = temporary.matcher(file.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                Files.deleteIfExists(file);
            }
        }
    }
}
