package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.provenance.ResultTable;
import org.sedlab.sed.EstimatorCost.Method;
import tech.tablesaw.api.Table;

class FisherScaleTest {
    @TempDir static Path tmp;
    private static CheckpointSeries series;

    @BeforeAll
    static void train() {
        series = TinyRuns.singleTask(tmp.resolve("run"));
    }

    /** Made-up costs: what the table and record make of whatever the measurer reports. */
    private static final class Recorded implements FisherScale.Measurer {
        @Override public EstimatorCost measure(Method method, int n) {
            return new EstimatorCost(method, n, 1.5, 100, 150 + n, 8, true, new double[]{3, 2});
        }

        @Override public long heapMib() { return 256; }
    }

    @Test
    void aMatrixOverTheBudgetIsSkippedAndEveryOtherCostIsOneRow() {
        FisherScale.Settings settings = FisherScale.Settings.defaults().sizes(List.of(16, 121))
                .methods(List.of(Method.LANCZOS, Method.MATERIALISED)).k(2).memoryBudgetMib(0).build();
        FisherScale scale = new FisherScale(series, settings, Progress.SILENT);
        assertEquals(40, scale.step(), "the last checkpoint");
        ResultTable result = scale.run(new Recorded());
        Table t = result.table();
        assertEquals(List.of("lanczos", "materialised", "lanczos", "materialised"), t.stringColumn("method").asList());
        assertEquals(List.of(16, 16, 121, 121), t.intColumn("N").asList());
        assertEquals(List.of(true, false, true, false), t.booleanColumn("measured").asList());
        assertTrue(t.doubleColumn("peak_rss_mib").isMissing(1));
        assertEquals(4.0, t.doubleColumn("products_per_eigenpair").get(0), "8 products for k = 2");
        assertEquals(271.0, t.doubleColumn("peak_rss_mib").get(2));
        long attention = series.load(0, org.nd4j.linalg.api.buffer.DataType.FLOAT).layout().attentionSize();
        assertEquals(EstimatorCost.matrixBytes(121, attention) / (double) (1L << 30), t.doubleColumn("matrix_gib").get(3));
        assertEquals(256L, result.record().get("heap_mib_per_measurement"));
        assertEquals(List.of(16, 121), result.record().get("sizes"));
        assertEquals(40L, result.record().get("step"));
    }

    @Test
    void bothMethodsFindTheSameEigenvaluesAndTheDomainsSizeTakesEveryPairOnce() {
        FisherScale scale = new FisherScale(series, FisherScale.Settings.defaults().step(20L).sizes(List.of(16, 121)).k(2).build(), Progress.SILENT);
        for (int n : new int[]{16, 121}) {
            EstimatorCost lanczos = scale.measure(Method.LANCZOS, n);
            EstimatorCost materialised = scale.measure(Method.MATERIALISED, n);
            assertEquals(n, lanczos.n());
            assertTrue(lanczos.converged() && materialised.converged());
            for (int i = 0; i < 2; i++) {
                assertEquals(materialised.eigenvalues()[i], lanczos.eigenvalues()[i], 1e-2 * materialised.eigenvalues()[0], "N=" + n + " lambda" + (i + 1));
            }
        }
        assertTrue(scale.inThisProcess().heapMib() > 0);
    }

    @Test
    void aMultitaskRunOrAStepWithoutACheckpointIsRefused() {
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> new FisherScale(series, FisherScale.Settings.defaults().step(7L).build(), Progress.SILENT));
        assertEquals("the run has no checkpoint at step 7; steps run from 0 to 40", step.getMessage());
        CheckpointSeries multitask = TinyRuns.multitask(tmp.resolve("multitask"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FisherScale(multitask, FisherScale.Settings.defaults().build(), Progress.SILENT));
        assertTrue(e.getMessage().contains("measures a single-task run"), e.getMessage());
    }

    /** A measuring child receives the settings whole, as JSON: every knob arrives, none is re-typed as a flag. */
    @Test
    void settingsTravelAsJson() {
        FisherSettings fisher = FisherSettings.defaults().centred(false).chunk(64)
                .lanczos(FisherSettings.defaults().build().lanczos().toBuilder().maxIterations(17).tolerance(1e-4).seed(9).build()).build();
        FisherScale.Settings settings = FisherScale.Settings.defaults().sizes(List.of(64, 128)).k(2).seed(9).memoryBudgetMib(100).fisher(fisher).build();
        FisherScale.Settings one = settings.only(Method.LANCZOS, 128, 300);
        assertEquals(new FisherScale.Settings(300L, List.of(128), List.of(Method.LANCZOS), 2, 9, 100, fisher), one);
        assertEquals(one, FisherScale.Settings.fromJson(one.toJson()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FisherScale.Settings.fromJson("{\"k\": 2}"))
                .getMessage().startsWith("not fisher-scale settings"));
    }
}
