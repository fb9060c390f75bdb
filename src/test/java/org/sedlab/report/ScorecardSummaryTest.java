package org.sedlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The scorecard's summary line, table and comparison with a reviewed file, on claims written by hand. */
class ScorecardSummaryTest {
    @TempDir Path tmp;

    private static Claim claim(String id, Verdict verdict) {
        return new Claim(id, "5", "a statement", "2x", "2.1x [1.9, 2.3]", "a statistic", verdict, "a sentence");
    }

    private final Scorecard card = new Scorecard(List.of(claim("a", Verdict.REPRODUCES), claim("b", Verdict.DOES_NOT_REPRODUCE),
            claim("c", Verdict.REPRODUCES), claim("d", Verdict.UNSTABLE)));

    @Test
    void summaryCountsVerdictsInTheirOrder() {
        assertEquals("4 claims: 2 reproduce, 1 do not reproduce, 1 unstable", card.summary());
        assertEquals(4, card.table().rowCount());
        assertEquals("a statement: 2x", card.table().stringColumn("the paper").get(0));
        assertThrows(IllegalArgumentException.class, () -> new Scorecard(List.of(claim("a", Verdict.REPRODUCES), claim("a", Verdict.UNSTABLE))));
    }

    @Test
    void bySectionKeepsEveryClaimInItsSectionsTable() {
        Claim limitation = new Claim("e", "Limitations", "a statement", "", "ours", "a statistic", Verdict.UNDECIDED, "a sentence");
        List<Table> tables = new Scorecard(List.of(claim("a", Verdict.REPRODUCES), limitation, claim("c", Verdict.REPRODUCES))).bySection();
        assertEquals(List.of("Section 5", "Limitations"), tables.stream().map(Table::name).toList());
        assertEquals(List.of("a", "c"), tables.get(0).stringColumn("claim").asList());
        assertEquals(List.of("undecided at this n"), tables.get(1).stringColumn("verdict").asList());
    }

    @Test
    void differencesFromTheReviewedFileNameEachClaim() throws Exception {
        Path file = tmp.resolve("expected.csv");
        Files.writeString(file, "claim,verdict\n# a comment\na,REPRODUCES\nb,UNDECIDED\nc,REPRODUCES\ne,UNSTABLE\n");
        Map<String, Verdict> expected = Scorecard.readExpected(file);
        assertEquals(List.of("b: computed DOES_NOT_REPRODUCE, expected UNDECIDED", "d: computed UNSTABLE, not in the expected file",
                "e: expected UNSTABLE, no such claim computed"), card.differencesFrom(expected));
        Files.writeString(file, "claim,verdict\na,MAYBE\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scorecard.readExpected(file)).getMessage().startsWith("unknown verdict 'MAYBE'"));
    }

    @Test
    void meanIntervalOfThreeSeeds() {
        // mean 2, SD 1, t(2) = 4.303: 2 +- 4.303 / sqrt(3)
        double half = 4.302652729911275 / Math.sqrt(3);
        assertArrayEquals(new double[]{2, 2 - half, 2 + half}, Statistics.meanInterval(new double[]{1, 2, 3}), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, Statistics.meanInterval(new double[]{5})[1]);
    }
}
