package org.sedlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive claim on a lock file, held until closed, so that two processes never work on the
 * same thing at once. The OS drops it when the holding process dies, so no stale lock survives a crash.
 */
public final class FileClaim implements AutoCloseable {
    private final FileChannel channel;

    private FileClaim(FileChannel channel) { this.channel = channel; }

    /** The claim, or empty if another holder (another process, or this one) has it. */
    public static Optional<FileClaim> tryTake(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new FileClaim(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a claim: " + e.getMessage(), e);
        }
    }
}
