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
        Map<String, Object> json = new LinkedHashMap<>(fields);
        json.put("provenance", Provenance.describe());
        AtomicFile.writeString(file, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
                .create().toJson(json) + "\n");
    }
}
