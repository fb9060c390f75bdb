package org.sedlab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.report.Scorecard;

/**
 * The paper's scorecard from the committed results: every claim's computed verdict is the one the
 * reviewed file data/expected-verdicts.csv states, and the README shows the summary line it computes.
 * A verdict that changes fails here until the file (and the closing note) say so.
 */
class ScorecardTest {

    @Test
    void everyVerdictIsTheReviewedOne() {
        Scorecard card = Paper.standard().scorecard();
        System.out.println(card.summary());
        card.claims().forEach(c -> System.out.println(c.id() + "," + c.verdict() + "  | " + c.sentence()));
        List<String> differences = card.differencesFrom(Paper.standard().expectedVerdicts().orElseThrow());
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    @Test
    void theReadmeShowsTheComputedSummary() throws Exception {
        String summary = Paper.standard().scorecard().summary();
        assertTrue(Files.readString(Path.of("README.md")).contains(summary), "README.md should show: " + summary);
    }
}
