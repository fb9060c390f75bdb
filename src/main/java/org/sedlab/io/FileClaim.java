package org.sedlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * An exclusive claim on a lock file, held until closed, so that two processes never work on the
 * same thing at once. The OS drops it when the holding process dies, so no stale lock survives a
 * crash; the file names the holder's PID for messages.
 */
public final class FileClaim implements AutoCloseable {
    private static final long RETRY_MILLIS = 100;
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
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(new FileClaim(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether another holder (another process, or this one) has the claim now. */
    public static boolean isHeld(Path file) {
        if (!Files.exists(file)) return false;
        Optional<FileClaim> claim = tryTake(file);
        claim.ifPresent(FileClaim::close);
        return claim.isEmpty();
    }

    /**
     * The claim, waiting up to {@code patience} for a holder to release it: a process that is ending
     * (a unit whose sweep was killed) still holds its claim for a moment.
     */
    public static Optional<FileClaim> take(Path file, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<FileClaim> claim = tryTake(file);
            if (claim.isPresent() || System.nanoTime() > deadline) return claim;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The PID written by the process that holds (or last held) the claim, if the file names one. */
    public static Optional<Long> holder(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
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
