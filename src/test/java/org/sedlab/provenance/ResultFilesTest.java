package org.sedlab.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

class ResultFilesTest {
    @TempDir Path dir;

    @Test
    void theTableGoesToItsCsvAndTheRecordBesideItWithTheProvenanceLast() throws Exception {
        Table table = Table.create("t", LongColumn.create("step", new long[]{0, 25}),
                DoubleColumn.create("R1", new double[]{1.5, Double.NaN}));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", "runs/add-42");
        record.put("steps", new long[]{0, 25});
        record.put("ratio", Double.NaN);
        Path json = ResultFiles.write(dir.resolve("per-example.csv"), table, record);

        assertEquals(dir.resolve("per-example.json"), json);
        assertEquals("step,R1\n0,1.5\n25,\n", Files.readString(dir.resolve("per-example.csv")));
        JsonObject written = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(List.of("run", "steps", "ratio", "provenance"), List.copyOf(written.keySet()));
        assertEquals("runs/add-42", written.get("run").getAsString());
        assertTrue(written.get("ratio").getAsString().equals("NaN"), "non-finite numbers are written, not refused");
        assertTrue(written.getAsJsonObject("provenance").has("git_commit"));
    }

    @Test
    void aRecordOfAnotherNameIsWrittenWhereItIsTold() throws Exception {
        Table table = Table.create("t", LongColumn.create("step", new long[]{5}));
        ResultFiles.write(dir.resolve("series.csv"), table, dir.resolve("analysis.json"), Map.of("k", 3));
        assertEquals("step\n5\n", Files.readString(dir.resolve("series.csv")));
        assertEquals(3, JsonParser.parseString(Files.readString(dir.resolve("analysis.json"))).getAsJsonObject().get("k").getAsInt());
    }
}
