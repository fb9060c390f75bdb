package org.sedlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks where a command will write before it computes anything, so a bad path fails at once, not after the work. */
final class OutputPaths {
    private OutputPaths() {}

    /** A folder that exists or can be created, and is writable; created now. */
    static Path directory(Path dir, String option) {
        ensureWritableFolder(dir, option + " " + dir);
        return dir;
    }

    /** A file that is not a folder, in a folder that exists or can be created, and is writable. */
    static Path file(Path file, String option) {
        if (Files.isDirectory(file)) throw new IllegalArgumentException(option + " " + file + " is a folder; name a file");
        Path folder = file.toAbsolutePath().getParent();
        ensureWritableFolder(folder, option + " " + file + ": its folder " + folder);
        return file;
    }

    private static void ensureWritableFolder(Path dir, String what) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException(what + " is a file, not a folder");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be created (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) throw new IllegalArgumentException(what + " is not writable");
    }
}
