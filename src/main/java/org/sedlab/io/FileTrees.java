package org.sedlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole folders: removing one that only sedlab wrote (a scratch recomputation, an unsubmitted sweep). */
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
}
