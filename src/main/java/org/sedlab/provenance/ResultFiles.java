package org.sedlab.provenance;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.sedlab.io.AtomicFile;
import tech.tablesaw.api.Table;

/**
 * How a result is published: its table as CSV and its JSON record (the fields plus the provenance)
 * beside it, the record last. A reader that finds the record finds the complete table written with it;
 * the record is what says the result is done.
 */
public final class ResultFiles {
    private ResultFiles() {}

    /** Writes the table to {@code csv} and the record to the same name ending in .json; returns the record's path. */
    public static Path write(Path csv, Table table, Map<String, Object> record) {
        Path json = csv.resolveSibling(csv.getFileName().toString().replaceFirst("\\.csv$", "") + ".json");
        write(csv, table, json, record);
        return json;
    }

    /** Writes the table to {@code csv} and the record to {@code json}. */
    public static void write(Path csv, Table table, Path json, Map<String, Object> record) {
        byte[] text = ResultRecord.json(record).getBytes(StandardCharsets.UTF_8);
        AtomicFile.writePair(csv, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            table.write().csv(writer);
            writer.flush();
        }, json, out -> out.write(text));
    }
}
