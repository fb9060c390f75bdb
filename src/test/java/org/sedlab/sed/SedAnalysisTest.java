package org.sedlab.sed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sedlab.data.ModOp;
import org.sedlab.model.GrokTransformer;
import org.sedlab.probe.CentroidKind;
import org.sedlab.probe.CentroidSpectrum;
import org.sedlab.probe.ProbeSet;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;
import tech.tablesaw.api.Table;

class SedAnalysisTest {
    @TempDir static Path tmp;
    private static CheckpointSeries series;

    @BeforeAll
    static void train() {
        RunConfig config = RunConfig.singleTask(ModOp.SUB).p(11).seed(2).batchSize(64).maxSteps(40)
                .evalEvery(5).checkpointEvery(5).stopAtGrok(false).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("run"));
        new Trainer(config, List.of()).train(dir);
        series = CheckpointSeries.open(dir.root(), null);
    }

    private static AnalysisSettings.Builder small() {
        return AnalysisSettings.defaults().w(3).k(2).nProbes(32).nRandom(5).nCheckpoints(4).gradientBatch(64);
    }

    @Test
    void seriesHasOneRowPerCheckpointAndEstimatorWithTheSpecColumns() throws Exception {
        Path out = tmp.resolve("out");
        Table t = new SedAnalysis(series, small().estimators(List.of("update", "gradient", "random")).build(), Progress.SILENT).run(out);
        assertEquals(List.of("estimator", "W", "op", "step", "R1", "R2", "Rbar", "random_median", "rank90"), t.columnNames());
        assertEquals(12, t.rowCount());
        assertEquals(List.of(0L, 10L, 25L, 40L), t.longColumn("step").unique().asList().stream().sorted().toList(),
                "floor(linspace(0, 8, 4)) of checkpoints 0, 5, ..., 40");
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals((t.doubleColumn("R1").get(i) + t.doubleColumn("R2").get(i)) / 2, t.doubleColumn("Rbar").get(i), 1e-12);
            assertTrue(t.doubleColumn("random_median").get(i) > 0);
        }
        String csv = Files.readString(out.resolve("series.csv"));
        assertTrue(csv.startsWith("estimator,W,op,step,R1,R2,Rbar,random_median,rank90"), csv);
        assertTrue(Files.readString(out.resolve("analysis.json")).replaceAll("\\s", "").contains("\"windows\":[3]"));
        // The same random baseline is shared by every estimator at a checkpoint.
        assertEquals(1, t.where(t.longColumn("step").isEqualTo(25)).doubleColumn("random_median").unique().size());
    }

    @Test
    void gradientsAreCachedAndReusedByALaterAnalysis() throws Exception {
        new SedAnalysis(series, small().estimators(List.of("gradient")).build(), Progress.SILENT).run(tmp.resolve("a"));
        Path cache;
        try (var files = Files.list(series.root().resolve("cache"))) {
            cache = files.filter(f -> f.getFileName().toString().startsWith("gradients-sub")).findFirst().orElseThrow();
        }
        FileTime written = Files.getLastModifiedTime(cache);
        Table again = new SedAnalysis(series, small().w(2).k(1).estimators(List.of("gradient")).build(), Progress.SILENT)
                .run(tmp.resolve("b"));
        assertEquals(written, Files.getLastModifiedTime(cache));
        assertEquals(4, again.rowCount());
    }

    @Test
    void severalWindowsInOnePassEqualSeparateAnalysesAndKeepAtMostWDirections() {
        AnalysisSettings.Builder gradient = small().k(2).estimators(List.of("gradient"));
        Table together = new SedAnalysis(series, gradient.windows(List.of(1, 3)).build(), Progress.SILENT).run(tmp.resolve("w13"));
        assertEquals(8, together.rowCount());
        for (int w : List.of(1, 3)) {
            Table alone = new SedAnalysis(series, gradient.w(w).k(Math.min(2, w)).build(), Progress.SILENT).run(tmp.resolve("w" + w));
            Table part = together.where(together.intColumn("W").isEqualTo(w));
            assertEquals(alone.doubleColumn("Rbar").asList(), part.doubleColumn("Rbar").asList(), "W=" + w);
            assertEquals(alone.doubleColumn("random_median").asList(), part.doubleColumn("random_median").asList());
        }
        Table single = together.where(together.intColumn("W").isEqualTo(1));
        assertTrue(single.doubleColumn("R2").isMissing().size() == single.rowCount(), "W=1 has one direction");
        assertEquals(single.doubleColumn("R1").asList(), single.doubleColumn("Rbar").asList());
    }

    @Test
    void multitaskRunIsScoredPerOpWithEachOpsOwnGradientsAndProbes() {
        RunConfig config = RunConfig.multitask().p(7).seed(3).batchSize(32).maxSteps(20).evalEvery(5).checkpointEvery(5)
                .stopAtGrok(false).build();
        RunDirectory dir = new RunDirectory(tmp.resolve("multi"));
        new Trainer(config, List.of()).train(dir);
        CheckpointSeries multi = CheckpointSeries.open(dir.root(), null);
        Table t = new SedAnalysis(multi, small().nCheckpoints(2).estimators(List.of("update", "per-op-gradient")).build(),
                Progress.SILENT).run(tmp.resolve("multi-out"));
        assertEquals(2 * 4 * 2, t.rowCount());
        assertEquals(java.util.Set.of("add", "sub", "mul", "sq"), java.util.Set.copyOf(t.stringColumn("op").unique().asList()));
        assertEquals(2, t.where(t.stringColumn("op").isEqualTo("mul").and(t.longColumn("step").isEqualTo(20)))
                .stringColumn("estimator").unique().size());
    }

    @Test
    void foreignFolderOfStateDictsNeedsItsOpAndReadsStepsFromFileNames() throws Exception {
        Path foreign = tmp.resolve("foreign");
        Files.createDirectories(foreign);
        for (long step : List.of(0L, 5L, 10L)) {
            Files.copy(series.root().resolve("checkpoints").resolve(String.format("step_%06d.npz", step)),
                    foreign.resolve("ckpt_" + step + ".npz"));
        }
        assertMessage(() -> CheckpointSeries.open(foreign, null), "--op");
        CheckpointSeries opened = CheckpointSeries.open(foreign, ModOp.SUB);
        assertEquals(List.of(0L, 5L, 10L), opened.steps());
        assertEquals(series.task(), opened.task());
    }

    /** A new estimator is its class and one registry line: here the first k coordinate axes of attention space. */
    @Test
    void anEstimatorAddedToTheRegistryIsScoredLikeTheOthers() {
        SedEstimator axes = new SedEstimator() {
            @Override public String name() { return "axes"; }

            @Override public SedBasis basis(int index, int k) {
                long size = series.load(0, org.nd4j.linalg.api.buffer.DataType.FLOAT).layout().attentionSize();
                org.nd4j.linalg.api.ndarray.INDArray basis = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, k, size);
                for (int i = 0; i < k; i++) basis.putScalar(i, i, 1f);
                double[] none = new double[k];
                java.util.Arrays.fill(none, Double.NaN);
                return new SedBasis(basis, none);
            }
        };
        Estimators registry = Estimators.standard().with(new EstimatorKind("axes", EstimatorKind.Scope.SHARED, false, null, (in, op) -> List.of(axes)));
        Table t = new SedAnalysis(series, small().estimators(List.of("random", "axes")).build(), Progress.SILENT, registry).run(tmp.resolve("axes"));
        Table ours = t.where(t.stringColumn("estimator").isEqualTo("axes"));
        assertEquals(t.rowCount() / 2, ours.rowCount(), "one row per checkpoint, as the random control");
        for (int i = 0; i < ours.rowCount(); i++) assertTrue(ours.doubleColumn("R1").getDouble(i) > 0, "a coupling ratio, row " + i);
        assertMessage(() -> new SedAnalysis(series, small().estimators(List.of("axes")).build(), Progress.SILENT), "unknown estimator 'axes'");
    }

    @Test
    void aFisherLanczosEstimateStoppedByItsProductCapIsRecordedInTheAnalysis() throws Exception {
        FisherSettings capped = FisherSettings.defaults().lanczos(org.sedlab.linalg.LanczosSettings.defaults().tolerance(1e-12).maxIterations(3).build()).build();
        Path out = tmp.resolve("capped");
        new SedAnalysis(series, small().estimators(List.of("fisher-lanczos")).fisher(capped).build(), Progress.SILENT).run(out);
        String record = Files.readString(out.resolve("analysis.json")).replaceAll("\\s", "");
        assertTrue(record.contains("\"estimates_short_of_settings\":[{\"estimator\":\"fisher-lanczos\",\"op\":\"sub\",\"step\":0,"), record);

        Path complete = tmp.resolve("complete");
        new SedAnalysis(series, small().estimators(List.of("gradient")).build(), Progress.SILENT).run(complete);
        assertTrue(!Files.readString(complete.resolve("analysis.json")).contains("estimates_short_of_settings"), "nothing to record");
    }

    @Test
    void aGradientBatchFarBeyondTheDomainAndARunWithoutRowsAreRefusedClearly() {
        assertMessage(() -> new SedAnalysis(series, small().gradientBatch(2_000_000_000).build(), Progress.SILENT).run(tmp.resolve("big")),
                "--gradient-batch 2000000000 is more than 10 times the 121 pairs of this task's domain: ask for at most 1210");
        assertMessage(() -> Window.FORWARD.start(0, 0, 1), "the run has too few checkpoints for a rolling window");
    }

    @Test
    void badSettingsGetClearMessages() {
        assertMessage(() -> new SedAnalysis(series, small().w(20).estimators(List.of("update")).build(), Progress.SILENT)
                .run(tmp.resolve("x")), "larger than the 8 rows");
        assertMessage(() -> small().k(4).build(), "k must lie in [1, W=3]");
        assertMessage(() -> small().epsRel(0).build(), "eps-rel must be positive");
        assertMessage(() -> new SedAnalysis(series, small().estimators(List.of("hessian")).build(), Progress.SILENT),
                "unknown estimator 'hessian': choose from [update, gradient, per-op-gradient, momentum, scaled-gradient, adam-direction, adam-decay, "
                + "fisher-lanczos, random]");
        assertMessage(() -> new SedAnalysis(series, small().estimators(List.of("per-op-gradient")).build(), Progress.SILENT)
                .run(tmp.resolve("y")), "needs a multitask run");
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
    /** Redrawing the gradient batch changes gradient SED and nothing else: probes and random directions stay. */
    @Test
    void aBatchSeedRedrawsOnlyTheGradientBatch() {
        AnalysisSettings base = small().estimators(List.of("gradient")).build();
        assertEquals(base.seed(), base.batchSeed(), "the batch seed defaults to the seed");
        Table same = new SedAnalysis(series, base, Progress.SILENT).run(tmp.resolve("batch-default"));
        Table other = new SedAnalysis(series, base.toBuilder().batchSeed(7).build(), Progress.SILENT).run(tmp.resolve("batch-7"));
        assertEquals(same.doubleColumn("random_median").asList(), other.doubleColumn("random_median").asList());
        assertEquals(same.intColumn("rank90").asList(), other.intColumn("rank90").asList());
        assertTrue(!same.doubleColumn("Rbar").asList().equals(other.doubleColumn("Rbar").asList()), "another batch, other gradients");
    }

    /** With the full centroid, rank-90 is the full centroids' own and analysis.json names the formula. */
    @Test
    void theFullCentroidFlowsIntoRank90AndTheRecord() throws Exception {
        AnalysisSettings full = small().estimators(List.of("random")).centroid(CentroidKind.FULL).build();
        Path out = tmp.resolve("full");
        Table t = new SedAnalysis(series, full, Progress.SILENT).run(out);
        GrokTransformer model = new GrokTransformer(series.task(), series.load(0, DataType.FLOAT));
        ProbeSet probes = ProbeSet.draw(series.task(), ModOp.SUB, 32, 0);
        int expected = CentroidSpectrum.of(probes.centroids(model, CentroidKind.FULL)).rank90();
        assertEquals(expected, t.intColumn("rank90").get(0));
        assertTrue(Files.readString(out.resolve("analysis.json")).contains("full LCH: d(sum_c z_c) / d e_x"));
    }
}
