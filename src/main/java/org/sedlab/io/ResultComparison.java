package org.sedlab.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares a recomputed result folder with the committed one: a CSV cell by cell, a JSON file field by
 * field, any other file by its bytes. What a machine measured while computing (timings, memory, the
 * provenance, the folder a run was read from, its resumptions) is not a result and is not compared;
 * every number computed is, exactly as written.
 */
public final class ResultComparison {
    /** Field and column names that are measurements of the computation, not its results. */
    private static final Pattern MEASUREMENT = Pattern.compile("provenance|run|resumptions|resumed_from_step|started|finished|.*_time|.*seconds.*|.*_mib");
    /** The folder's own record, written by the sweep: its command names the folders it ran in. */
    private static final String UNIT_RECORD = "unit.json";

    private ResultComparison() {}

    /** The first place where two results differ. */
    public record Difference(String file, String where, String committed, String recomputed) {
        public String describe() {
            return file + " " + where + ": committed " + committed + ", recomputed " + recomputed;
        }
    }

    /** Whether a field or column is what a machine measured while computing (when, how long, how much memory, on what), not a result. */
    public static boolean isMeasurement(String name) {
        return MEASUREMENT.matcher(name).matches();
    }

    /** The first difference between the committed folder's result files and the recomputed ones, in file-name order. */
    public static Optional<Difference> compare(Path committed, Path recomputed) {
        for (String name : resultFiles(committed)) {
            Path mine = recomputed.resolve(name);
            if (!Files.isRegularFile(mine)) return Optional.of(new Difference(name, "(the file)", "present", "missing"));
            Optional<Difference> d = name.endsWith(".csv") ? compareCsv(name, read(committed.resolve(name)), read(mine))
                    : name.endsWith(".json") ? compareJson(name, read(committed.resolve(name)), read(mine))
                    : compareBytes(name, committed.resolve(name), mine);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    /** The names of the folder's result files (its unit record excluded), sorted. */
    public static List<String> resultFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals(UNIT_RECORD) && !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    static Optional<Difference> compareCsv(String name, String committed, String recomputed) {
        String[] a = committed.lines().toArray(String[]::new);
        String[] b = recomputed.lines().toArray(String[]::new);
        if (a.length == 0 || b.length == 0) {
            return a.length == b.length ? Optional.empty() : Optional.of(new Difference(name, "(the file)", a.length == 0 ? "empty" : "rows", b.length == 0 ? "empty" : "rows"));
        }
        List<String> header = Arrays.asList(a[0].split(",", -1));
        if (!a[0].equals(b[0])) return Optional.of(new Difference(name, "header", a[0], b[0]));
        for (int row = 1; row < Math.max(a.length, b.length); row++) {
            String lineA = row < a.length ? a[row] : "(no row)";
            String lineB = row < b.length ? b[row] : "(no row)";
            if (lineA.equals(lineB)) continue;
            if (row >= a.length || row >= b.length) return Optional.of(new Difference(name, "row " + row, lineA, lineB));
            String[] cellsA = lineA.split(",", -1);
            String[] cellsB = lineB.split(",", -1);
            for (int col = 0; col < Math.max(cellsA.length, cellsB.length); col++) {
                String column = col < header.size() ? header.get(col) : "#" + (col + 1);
                if (isMeasurement(column)) continue;
                String x = col < cellsA.length ? cellsA[col] : "(no cell)";
                String y = col < cellsB.length ? cellsB[col] : "(no cell)";
                if (!x.equals(y)) return Optional.of(new Difference(name, "row " + row + " (" + header.get(0) + " " + cellsA[0] + ") column " + column, x, y));
            }
        }
        return Optional.empty();
    }

    static Optional<Difference> compareJson(String name, String committed, String recomputed) {
        Map<String, String> a = flatten(JsonParser.parseString(committed));
        Map<String, String> b = flatten(JsonParser.parseString(recomputed));
        List<String> fields = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(fields::add);
        for (String field : fields) {
            String x = a.getOrDefault(field, "(no field)");
            String y = b.getOrDefault(field, "(no field)");
            if (!x.equals(y)) return Optional.of(new Difference(name, "field " + field, x, y));
        }
        return Optional.empty();
    }

    /** Every value by its dotted path ("config.adamW.beta1", "steps[2]"), measurements left out. */
    private static Map<String, String> flatten(JsonElement json) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", json, out);
        return out;
    }

    private static void flatten(String path, JsonElement e, Map<String, String> out) {
        if (e.isJsonObject()) {
            for (var field : e.getAsJsonObject().entrySet()) {
                if (isMeasurement(field.getKey())) continue;
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) flatten(path + "[" + i + "]", e.getAsJsonArray().get(i), out);
        } else {
            out.put(path, e.toString());
        }
    }

    private static Optional<Difference> compareBytes(String name, Path committed, Path recomputed) {
        try {
            long at = Files.mismatch(committed, recomputed);
            return at < 0 ? Optional.empty() : Optional.of(new Difference(name, "at byte " + at, "one byte", "another"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not compare " + committed + " with " + recomputed, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
