package org.sedlab.paper.fisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** The fisher section's plan: the control run, then fisher-lanczos compared, scored and measured on it. */
class FisherSectionTest {
    @Test
    void trainsTheControlThenComparesScoresAndMeasuresFisherLanczos() {
        List<SweepUnit> units = Sections.units(new FisherSection(), Profile.FULL, Path.of("runs"), Path.of("data/fisher"));
        assertEquals(List.of("train/add-42", "agreement/add-42", "series/add-42", "scale/add-42"), units.stream().map(SweepUnit::id).toList());
        assertEquals("./sedlab per-example --run runs/add-42 --estimator fisher-lanczos --against-exact "
                + "--out data/fisher/agreement/add-42/agreement.csv", units.get(1).commandLine());
        assertEquals("./sedlab analyze --run runs/add-42 --out data/fisher/series/add-42 --estimators gradient,fisher-lanczos",
                units.get(2).commandLine());
        assertEquals("./sedlab fisher-scale --run runs/add-42 --n 512,2048,9409 --out data/fisher/scale/add-42/scale.csv",
                units.get(3).commandLine());
        for (SweepUnit u : units.subList(1, 4)) assertEquals(List.of("train/add-42"), u.dependsOn());
    }
}
