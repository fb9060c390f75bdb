package org.sedlab.slurm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.sedlab.io.ResultComparison;

/**
 * Compares two results folders file by file: the same files, each with the same bytes, except that
 * in JSON records the measurements of the computation (when, how long, how much, on what and by which
 * code: {@link ResultComparison#isMeasurement}) are left out.
 */
final class ResultTrees {
    private ResultTrees() {}

    /** Every difference, one line each; empty when the folders hold the same results. */
    static List<String> differences(Path expected, Path actual) throws IOException {
        Set<String> expectedFiles = files(expected);
        Set<String> actualFiles = files(actual);
        List<String> out = new ArrayList<>();
        for (String f : expectedFiles) if (!actualFiles.contains(f)) out.add("missing: " + f);
        for (String f : actualFiles) if (!expectedFiles.contains(f)) out.add("extra: " + f);
        for (String f : expectedFiles) {
            if (!actualFiles.contains(f)) continue;
            Path a = expected.resolve(f);
            Path b = actual.resolve(f);
            boolean same = f.endsWith(".json")
                    ? withoutIgnored(JsonParser.parseString(Files.readString(a))).equals(withoutIgnored(JsonParser.parseString(Files.readString(b))))
                    : Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
            if (!same) out.add("differs: " + f);
        }
        return out;
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    private static JsonElement withoutIgnored(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject copy = new JsonObject();
            for (var entry : e.getAsJsonObject().entrySet()) {
                if (!ResultComparison.isMeasurement(entry.getKey())) copy.add(entry.getKey(), withoutIgnored(entry.getValue()));
            }
            return copy;
        }
        return e;
    }
}
