package org.sedlab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.data.ModOp;
import org.sedlab.paper.section3.Section3;
import org.sedlab.report.SectionData;
import org.sedlab.sed.AnalysisSettings;
import org.sedlab.sed.CheckpointSeries;
import org.sedlab.sed.Progress;
import org.sedlab.sed.SedAnalysis;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;
import org.sedlab.train.RunDirectory;
import org.sedlab.train.Trainer;
import tech.tablesaw.api.Table;

/**
 * The committed results in data/ are what today's code computes: one unit is recomputed in
 * short form (the control run's first checkpoints) and compared with its committed rows, and every
 * result carries its record of how it was made.
 */
class CommittedResultsTest {
    private static final Path DATA = Path.of("data");
    private static final Path SECTION3 = DATA.resolve(Section3.NAME);
    @TempDir Path tmp;

    @Test
    void everyCommittedResultSaysHowItWasMadeAndHoldsNoCheckpoints() throws Exception {
        int present = 0;
        for (Section section : Paper.standard().parts()) {
            Path root = DATA.resolve(section.name());
            List<SweepUnit> units = Sections.units(section, Profile.FULL, Path.of("runs"), root);
            for (SweepUnit u : units) {
                if (!Files.isDirectory(u.output())) continue;
                present++;
                assertTrue(u.isDone(), u.output() + " has results but no " + SweepUnit.RECORD);
                JsonObject record = json(u.output().resolve(SweepUnit.RECORD));
                assertEquals(u.commandLine(), record.get("command").getAsString(), "the record names the unit's command");
                assertTrue(record.getAsJsonObject("provenance").has("git_commit"));
                if (u.id().startsWith("sed/") || u.id().startsWith("ablation/")) {
                    JsonObject analysis = json(u.output().resolve("analysis.json"));
                    assertTrue(analysis.has("settings") && analysis.has("provenance"), u.id());
                }
                if (u.id().startsWith("train/")) assertTrue(Files.isRegularFile(u.output().resolve("run.json")), u.id());
                for (String need : u.dependsOn()) {
                    assertTrue(units.stream().anyMatch(other -> other.id().equals(need) && other.isDone()),
                            u.id() + " is committed but " + need + ", which it was made from, is not");
                }
            }
        }
        assertTrue(present > 0, "data/ holds no results");
        try (Stream<Path> files = Files.walk(DATA)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".npz")), "checkpoints belong in runs/, not data/");
        }
    }

    @Test
    void controlRunsFirstCheckpointsRecomputeToTheCommittedNumbers() {
        SectionData data = new SectionData(new Section3(), SECTION3);
        String windows = Section3.WINDOW_ABLATION;
        assertTrue(data.has(windows), "the committed window ablation is missing: ./sedlab reproduce section3");

        RunDirectory run = new RunDirectory(tmp.resolve("add-42"));
        new Trainer(RunConfig.singleTask(ModOp.ADD).seed(42).maxSteps(25).stopAtGrok(false).build(), List.of()).train(run);
        Table metrics = Table.read().csv(run.metricsCsv().toFile());
        Table committedMetrics = data.metrics(Section3.CONTROL);
        for (String column : List.of("train_loss", "train_acc", "test_loss", "test_acc")) {
            for (int row = 0; row < 2; row++) {
                assertClose(committedMetrics.numberColumn(column).getDouble(row), metrics.numberColumn(column).getDouble(row),
                        1e-5, column + " at step " + 25 * row);
            }
        }

        // W = 1 at step 0 needs only the first checkpoint: the normalised gradient at initialisation.
        AnalysisSettings settings = AnalysisSettings.defaults().estimators(List.of("gradient")).w(1).k(1).nCheckpoints(2).build();
        Table ours = new SedAnalysis(CheckpointSeries.open(run.root(), null), settings, Progress.SILENT).run(tmp.resolve("analysis"));
        Table committed = data.series(windows);
        Table row = committed.where(committed.intColumn("W").isEqualTo(1).and(committed.longColumn("step").isEqualTo(0)));
        assertEquals(1, row.rowCount());
        assertClose(row.doubleColumn("random_median").getDouble(0), ours.doubleColumn("random_median").getDouble(0), 1e-3, "random median");
        assertClose(row.doubleColumn("R1").getDouble(0), ours.doubleColumn("R1").getDouble(0), 1e-3, "R1 of the gradient direction");
        assertEquals(row.intColumn("rank90").getInt(0), ours.intColumn("rank90").getInt(0), "rank-90 at step 0");
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertTrue(Math.abs(expected - actual) <= relative * Math.abs(expected),
                what + ": committed " + expected + ", recomputed " + actual);
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
