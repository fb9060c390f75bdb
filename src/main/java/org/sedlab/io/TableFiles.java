package org.sedlab.io;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/** Result tables on disk: CSV written atomically, so a reader never sees half a table. */
public final class TableFiles {
    private TableFiles() {}

    public static void writeCsv(Table table, Path file) {
        AtomicFile.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            table.write().csv(writer);
            writer.flush();
        });
    }
}
