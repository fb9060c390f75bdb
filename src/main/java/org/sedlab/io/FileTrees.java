package org.sedlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Whole folders: removing one that only sedlab wrote (a scratch recomputation, an unsubmitted sweep), the
 * bytes one holds, the room left on its disk.
 */
public final class FileTrees {
    private FileTrees() {}

    /** Deletes the folder and everything in it; nothing if it is not there. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Bytes in the folder's files, 0 if it is not there. */
    public static long size(Path folder) {
        if (!Files.isDirectory(folder)) return 0;
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Bytes free to this process on the disk that holds {@code path}, or would once it is created. */
    public static long freeSpace(Path path) {
        Path existing = path.toAbsolutePath();
        while (!Files.exists(existing)) existing = existing.getParent();
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the free space of the disk holding " + existing, e);
        }
    }
}
