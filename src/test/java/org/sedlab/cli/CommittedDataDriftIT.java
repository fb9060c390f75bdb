package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The committed results are what this code computes, bit for bit: Section 3's control run (add, seed 42,
 * trained to its grok step) and its analysis are recomputed from nothing and compared with data/section3.
 * A change to the numerics without regenerated data fails here.
 */
class CommittedDataDriftIT {
    @Test
    void section3ControlRunAndItsAnalysisRecomputeIdentically() {
        CliRun run = CliRun.of("verify", "section3", "sed/add-42");
        String out = run.out() + run.err();
        assertTrue(out.contains("verify: train/add-42: identical"), out);
        assertTrue(out.contains("verify: sed/add-42: identical"), out);
        assertEquals(0, run.code(), out);
    }
}
