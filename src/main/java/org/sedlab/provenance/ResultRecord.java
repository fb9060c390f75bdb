package org.sedlab.provenance;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sedlab.io.AtomicFile;

/** The JSON written beside every result file: what was computed, with which settings, by which code. */
public final class ResultRecord {
    private ResultRecord() {}

    /** Writes {@code fields} plus the provenance (commit, libraries, machine) atomically as JSON. */
    public static void write(Path file, Map<String, Object> fields) {
        AtomicFile.writeString(file, json(fields));
    }

    /** {@code fields} plus the provenance, as the JSON text of the record. */
    static String json(Map<String, Object> fields) {
        Map<String, Object> json = new LinkedHashMap<>(fields);
        json.put("provenance", Provenance.describe());
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(json) + "\n";
    }
}
