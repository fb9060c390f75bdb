package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.data.Pairs;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.ProbeSet;
import org.sedlab.provenance.ResultTable;
import org.sedlab.sed.PerExampleDirections.Estimator;
import tech.tablesaw.api.Table;

class PerExampleDirectionsTest {
    @TempDir static Path tmp;
    private static CheckpointSeries series;

    @BeforeAll
    static void train() {
        series = TinyRuns.singleTask(tmp.resolve("run"));
    }

    private static PerExampleDirections.Settings.Builder small() {
        return PerExampleDirections.Settings.defaults().batch(24).k(2).nProbes(24).nRandom(3).seed(5);
    }

    @Test
    void theExactSvdScoresTheFirstMiddleAndLastCheckpointAsTable3Does() {
        // --against-exact means nothing without fisher-lanczos: the table is Table 3's alone.
        ResultTable result = new PerExampleDirections(series, small().againstExact(true).build(), Progress.SILENT).run();
        Table t = result.table();
        assertEquals(List.of("step", "R_mean_gradient", "R1", "R2", "cos1", "cos2"), t.columnNames());
        assertEquals(List.of(0L, 20L, 40L), t.longColumn("step").asList());

        GrokTransformer model = new GrokTransformer(series.task(), series.load(series.indexOf(20), DataType.FLOAT));
        Pairs pairs = PerExampleBatch.draw(series.task(), ModOp.ADD, 24, 5);
        PerExampleGradientSvd.Result svd = PerExampleGradientSvd.of(model, 0, pairs, 2, Progress.SILENT);
        DirectionScores expected = new DirectionScores.Scoring(ProbeSet.draw(series.task(), ModOp.ADD, 24, 0), 0.005, 3, 5)
                .score(model, 20, svd.basis(), svd.meanGradient());
        assertEquals(expected.meanGradientR(), t.doubleColumn("R_mean_gradient").get(1));
        assertEquals(expected.directionR()[1], t.doubleColumn("R2").get(1));
        assertEquals(expected.cosineToMean()[0], t.doubleColumn("cos1").get(1));

        assertEquals("exact", result.record().get("estimator"));
        assertEquals("add", result.record().get("op"));
        assertEquals(true, result.record().get("centred"));
        assertFalse(result.record().containsKey("fisher"));
    }

    @Test
    void fisherLanczosAgreesWithTheExactSvdOnTheSameBatch() {
        ResultTable result = new PerExampleDirections(series, small().steps(List.of(40L)).estimator(Estimator.FISHER_LANCZOS)
                .againstExact(true).build(), Progress.SILENT).run();
        Table t = result.table();
        assertEquals(1, t.rowCount());
        assertTrue(t.booleanColumn("converged").get(0));
        for (int i = 1; i <= 2; i++) {
            double exact = t.doubleColumn("exact_lambda" + i).get(0);
            assertEquals(exact, t.doubleColumn("lambda" + i).get(0), 1e-2 * exact, "eigenvalue " + i);
        }
        assertTrue(t.doubleColumn("principal_cos1").get(0) > 0.99, t.print());
        assertEquals("fisher-lanczos", result.record().get("estimator"));
        assertEquals(true, result.record().get("against_exact"));
        assertTrue(result.record().containsKey("peak_rss_mib"));
    }

    @Test
    void aStepWithoutACheckpointIsRefusedBeforeAnyWork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PerExampleDirections(series, small().steps(List.of(0L, 7L)).build(), Progress.SILENT));
        assertEquals("the run has no checkpoint at step 7; steps run from 0 to 40", e.getMessage());
    }
}
