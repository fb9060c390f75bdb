package org.sedlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultComparisonTest {
    @TempDir Path committed;
    @TempDir Path recomputed;

    private static final String SERIES = "estimator,step,R1,wall_seconds\ngradient,0,5.84,1.5\ngradient,25,6.10,1.7\n";
    private static final String ANALYSIS = "{\"settings\": {\"k\": 3, \"windows\": [1, 20]}, \"wall_seconds\": 91.0, \"run\": \"runs/add-42\","
            + " \"provenance\": {\"host\": \"a\"}}";

    private void both(String name, String a, String b) throws Exception {
        Files.writeString(committed.resolve(name), a);
        Files.writeString(recomputed.resolve(name), b);
    }

    @Test
    void sameResultsAreIdenticalWhateverTheTimingsProvenanceRunFolderAndUnitRecord() throws Exception {
        both("series.csv", SERIES, SERIES.replace("1.5", "2.9").replace("1.7", "3.1"));
        both("analysis.json", ANALYSIS, ANALYSIS.replace("91.0", "95.5").replace("runs/add-42", "/tmp/x/runs/add-42").replace("\"a\"", "\"b\""));
        both("unit.json", "{\"command\": \"./sedlab analyze --out data\"}", "{\"command\": \"./sedlab analyze --out /tmp\"}");
        assertTrue(ResultComparison.compare(committed, recomputed).isEmpty());
    }

    @Test
    void theFirstDifferingCellIsNamedByFileRowStepAndColumn() throws Exception {
        both("analysis.json", ANALYSIS, ANALYSIS);
        both("series.csv", SERIES, SERIES.replace("6.10", "6.11"));
        assertEquals("series.csv row 2 (estimator gradient) column R1: committed 6.10, recomputed 6.11",
                ResultComparison.compare(committed, recomputed).orElseThrow().describe());

        both("series.csv", SERIES, SERIES + "gradient,50,7.0,1.9\n");
        assertEquals("series.csv row 3: committed (no row), recomputed gradient,50,7.0,1.9",
                ResultComparison.compare(committed, recomputed).orElseThrow().describe());
    }

    @Test
    void aDifferingJsonFieldIsNamedByItsPathAndAMissingFileIsReported() throws Exception {
        both("analysis.json", ANALYSIS, ANALYSIS.replace("[1, 20]", "[1, 40]"));
        assertEquals("analysis.json field settings.windows[1]: committed 20, recomputed 40",
                ResultComparison.compare(committed, recomputed).orElseThrow().describe());

        Files.writeString(committed.resolve("analysis.json"), ANALYSIS);
        Files.writeString(committed.resolve("metrics.csv"), "step\n0\n");
        Files.writeString(recomputed.resolve("analysis.json"), ANALYSIS);
        assertEquals("metrics.csv (the file): committed present, recomputed missing",
                ResultComparison.compare(committed, recomputed).orElseThrow().describe());
    }
}
