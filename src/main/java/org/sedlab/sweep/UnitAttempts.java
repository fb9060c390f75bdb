package org.sedlab.sweep;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sedlab.io.AtomicFile;

/**
 * The CPU and wall time a unit's attempts have spent since it last finished, kept beside its log: a sweep
 * stopped mid-unit (a session's end kills it) resumes the unit later, and its record then counts every
 * attempt, not only the last. Kept for one command line; a ledger written for another is not this unit's.
 *
 * @param attempts attempts counted, the one running included once it has saved
 */
public record UnitAttempts(String command, double cpuSeconds, double wallSeconds, int attempts) {
    /** The ledger at {@code file} if it was kept for {@code command}, else none spent yet. */
    public static UnitAttempts read(Path file, String command) {
        UnitAttempts none = new UnitAttempts(command, 0, 0, 0);
        if (!Files.isRegularFile(file)) return none;
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!command.equals(json.get("command").getAsString())) return none;
            return new UnitAttempts(command, json.get("cpu_seconds").getAsDouble(), json.get("wall_seconds").getAsDouble(),
                    json.get("attempts").getAsInt());
        } catch (IOException | RuntimeException e) {
            return none; // unreadable (a crash mid-write cannot leave one: it is written by rename): count from here
        }
    }

    /** These earlier attempts plus one more that has spent {@code cpu} and {@code wall} seconds so far. */
    public UnitAttempts plus(double cpu, double wall) {
        return new UnitAttempts(command, cpuSeconds + cpu, wallSeconds + wall, attempts + 1);
    }

    public void save(Path file) {
        JsonObject json = new JsonObject();
        json.addProperty("command", command);
        json.addProperty("cpu_seconds", cpuSeconds);
        json.addProperty("wall_seconds", wallSeconds);
        json.addProperty("attempts", attempts);
        AtomicFile.write(file, out -> out.write((json + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    public static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + file + ": " + e.getMessage(), e);
        }
    }
}
