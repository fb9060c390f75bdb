package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sedlab verify`: a unit recomputed from nothing, then compared with its committed results. */
class VerifyIT {
    @TempDir Path tmp;

    @Test
    void aUnitRecomputesIdenticallyAndAChangedCommittedNumberIsFoundByFileRowAndColumn() throws Exception {
        String[] folders = {"--profile", "quick", "--runs", tmp.resolve("runs").toString(), "--data", tmp.resolve("data").toString()};
        assertEquals(0, CliRun.of(concat(List.of("run-unit", "section3", "train/add-42"), folders)).code());
        assertEquals(0, CliRun.of(concat(List.of("run-unit", "section3", "sed/add-42"), folders)).code());

        String[] verify = {"verify", "section3", "sed/add-42", "--profile", "quick", "--data", tmp.resolve("data").toString()};
        CliRun same = CliRun.of(verify);
        assertEquals(0, same.code(), same.out());
        assertTrue(same.out().contains("verify: train/add-42: identical") && same.out().contains("verify: sed/add-42: identical"), same.out());

        Path series = tmp.resolve("data/sed/add-42/series.csv");
        List<String> rows = Files.readAllLines(series);
        String[] cells = rows.get(2).split(",");
        String r1 = cells[4];
        cells[4] = String.valueOf(Double.parseDouble(r1) * 1.001);
        rows.set(2, String.join(",", cells));
        Files.write(series, rows);
        CliRun changed = CliRun.of(verify);
        assertEquals(1, changed.code(), changed.out());
        assertTrue(changed.out().contains("verify: train/add-42: identical"), changed.out());
        assertTrue(changed.out().contains("verify: sed/add-42: differs, first at series.csv row 2 (estimator " + cells[0] + ") column R1: committed "
                + cells[4] + ", recomputed " + r1), changed.out());
    }

    @Test
    void aUnitWithoutCommittedResultsIsRefusedBeforeAnyWork() {
        CliRun r = CliRun.of("verify", "section3", "sed/add-42", "--profile", "quick", "--data", tmp.resolve("empty").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("train/add-42 has no committed results in " + tmp.resolve("empty/runs/add-42")), r.err());
        assertTrue(r.out().isEmpty(), "nothing recomputed: " + r.out());
    }

    private static String[] concat(List<String> head, String[] tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
