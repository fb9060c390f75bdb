package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;
import org.sedlab.paper.limitations.Limitations;
import org.sedlab.paper.mechanism.Mechanism;
import org.sedlab.paper.section3.Section3;
import org.sedlab.paper.section4.Section4;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;

/** `sedlab reproduce <section> --profile quick` end to end: every unit in its own JVM, then nothing the second time. */
class ReproduceQuickIT {
    @TempDir Path tmp;

    @Test
    void quickSweepRunsEveryUnitOnceAndResumesToNothing() {
        String[] args = {"reproduce", "section3", "--profile", "quick", "--workers", "2",
                "--runs", tmp.resolve("runs").toString(), "--data", tmp.resolve("data").toString()};
        String first = CliRun.succeeding(args);
        assertTrue(first.contains("0 failed, 0 not run"), first);
        for (SweepUnit u : Sections.units(new Section3(), Profile.QUICK, tmp.resolve("runs"), tmp.resolve("data"))) {
            assertTrue(u.isDone(), u.id() + " left no record:\n" + first);
        }
        assertTrue(Files.isRegularFile(tmp.resolve("data/runs/add-42/metrics.csv")));
        assertTrue(Files.isRegularFile(tmp.resolve("data/ablation/add-42-windows/series.csv")));
        assertTrue(Files.isRegularFile(tmp.resolve("data/per-example/add-42/per-example.csv")));

        String second = CliRun.succeeding(args);
        int units = Sections.units(new Section3(), Profile.QUICK, tmp.resolve("runs"), tmp.resolve("data")).size();
        assertTrue(second.contains("0 ran, " + units + " done already"), second);
    }

    /**
     * The mechanism part end to end on 30-step runs: every control trains with its intervention (rank 0 and
     * the weight groups project from step 21; after memorisation never, since no 30-step run memorises) and
     * its weight norms follow; the claims read them without failing.
     */
    @Test
    void quickMechanismSweepTrainsEveryControlWithItsWeightNorms() throws Exception {
        Path data = tmp.resolve("data").resolve("mechanism");
        quickSweepOnTwoWorkers("mechanism", data);
        for (Mechanism.Control c : Mechanism.CONTROLS) {
            org.sedlab.train.RunConfig config = c.run().apply(42);
            String run = config.name();
            String record = Files.readString(data.resolve("runs/" + run + "/run.json"));
            boolean projects = config.intervention() != null;
            boolean late = projects && config.intervention().afterMemorisation();
            // run.json names the projected steps when there were any
            assertEquals(projects && !late, record.contains("\"projected_steps\": 10"), run + ":\n" + record);
            assertEquals(projects && !late, record.contains("\"projected_steps\""), run + ":\n" + record);
            List<String> norms = Files.readAllLines(data.resolve("norms/" + run + "/weight-norms.csv"));
            assertEquals("step,attention,mlp,embedding,head,all", norms.get(0));
            assertEquals(1 + 3, norms.size(), run + ": the checkpoints at steps 0, 25 and 30: " + norms);
        }
        List<String> frozen = Files.readAllLines(data.resolve("norms/add-42-C-upd-r0/weight-norms.csv"));
        assertEquals(frozen.get(2).split(",")[1], frozen.get(3).split(",")[1], "frozen from step 21: the attention norm at 25 and 30 is the same");
        assertTrue(!frozen.get(2).split(",")[2].equals(frozen.get(3).split(",")[2]), "while the MLP trains: " + frozen);
        assertEquals(Mechanism.CONTROLS.size() + 1, org.sedlab.paper.mechanism.MechanismClaims.all(new org.sedlab.report.SectionData(new Mechanism(), data)).size());
    }

    /**
     * The optimizer part end to end on short runs: the stages of AdamW, every other optimizer of the grid
     * trained and analysed, then (listed once the grid is in) each at its chosen rate on mul too.
     */
    @Test
    void quickOptimizerSweepAnalysesEveryStageAndEveryOtherOptimizerThenRunsItAtItsChosenRate() throws Exception {
        Path data = tmp.resolve("data").resolve("optimizer");
        String out = quickSweepOnTwoWorkers("optimizer", data);
        assertTrue(out.contains("sweep: 9 more units follow from these results"), "each optimizer's mul run, its norms and its SED:\n" + out);
        org.sedlab.report.SectionData results = new org.sedlab.report.SectionData(new org.sedlab.paper.optimizer.Optimizer(), data);
        tech.tablesaw.api.Table grid = new org.sedlab.paper.optimizer.OptimizerTables(results).otherOptimizers();
        assertEquals(11, grid.rowCount());
        assertEquals(0, grid.doubleColumn("gradient SED median R-bar").countMissing(), grid.print());
        assertEquals(0, grid.doubleColumn("update SED median R-bar").countMissing(), grid.print());
        assertEquals(3, grid.stringColumn("chosen").countOccurrences("tuned"), grid.print());
        assertTrue(Files.readString(data.resolve("runs/add-42-wd0.001-lr1-sgd/run.json")).contains("\"rule\": \"SGD\""));
        tech.tablesaw.api.Table tuned = new org.sedlab.paper.optimizer.OptimizerTables(results).tunedOptimizers();
        for (int row = 1; row < tuned.rowCount(); row++) assertEquals("0 of 2", tuned.stringColumn("runs grokked").get(row), tuned.print());
        for (org.sedlab.report.Claim c : org.sedlab.paper.optimizer.OptimizerClaims.all(results)) {
            if (c.id().endsWith("-update") && !c.id().equals("opt.realised-update")) {
                assertTrue(c.ours().endsWith("(n = 2)"), "add and mul at the chosen rate: " + c.sentence());
            }
        }
    }

    /** Runs a part's quick sweep with two workers into {@code data}, every unit succeeding; returns its output. */
    private String quickSweepOnTwoWorkers(String part, Path data) {
        String out = CliRun.succeeding("reproduce", part, "--profile", "quick", "--workers", "2", "--runs", tmp.resolve("runs").toString(),
                "--data", data.toString());
        assertTrue(out.contains("0 failed, 0 not run"), out);
        return out;
    }

    /** Section 4's quick profile keeps enough checkpoints for its windows: every estimator scores every op. */
    @Test
    void quickMultitaskSweepScoresTheThreeEstimatorsOnEveryOp() throws Exception {
        String out = CliRun.succeeding("reproduce", "section4", "--profile", "quick", "--runs", tmp.resolve("runs").toString(),
                "--data", tmp.resolve("data").toString());
        assertTrue(out.contains("2 ran") && out.contains("0 failed, 0 not run"), out);
        assertTrue(Files.readString(tmp.resolve("data/runs/multitask-42/run.json")).contains("\"grok_steps\""));
        java.util.List<String> rows = Files.readAllLines(tmp.resolve("data/sed/multitask-42/series.csv"));
        assertEquals(1 + 3 * 3 * 4, rows.size(), "3 checkpoints x 3 estimators x 4 ops:\n" + String.join("\n", rows));
        for (String estimator : Section4.ESTIMATORS) {
            for (String op : Section3.OPS) {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(estimator + ",4," + op + ",")), estimator + " " + op);
            }
        }
    }

    /** The fisher section end to end: Lanczos agrees with the exact SVD, and each scale measurement is a process of its own. */
    @Test
    void quickFisherSweepAgreesWithTheExactSvdAndMeasuresBothMethods() throws Exception {
        String out = CliRun.succeeding("reproduce", "fisher", "--profile", "quick", "--runs", tmp.resolve("runs").toString(),
                "--data", tmp.resolve("data").toString());
        assertTrue(out.contains("4 ran") && out.contains("0 failed, 0 not run"), out);
        tech.tablesaw.api.Table agreement = tech.tablesaw.api.Table.read().csv(tmp.resolve("data/agreement/add-42/agreement.csv").toFile());
        assertEquals(3, agreement.rowCount(), "first, middle and last checkpoint");
        for (String c : new String[]{"principal_cos1", "principal_cos2", "principal_cos3"}) {
            assertTrue(agreement.numberColumn(c).min() > 0.99, c + " " + agreement.numberColumn(c));
        }
        java.util.List<String> series = Files.readAllLines(tmp.resolve("data/series/add-42/series.csv"));
        assertTrue(series.stream().anyMatch(r -> r.startsWith("fisher-lanczos,,add,")), String.join("\n", series));
        tech.tablesaw.api.Table scale = tech.tablesaw.api.Table.read().csv(tmp.resolve("data/scale/add-42/scale.csv").toFile());
        assertEquals(4, scale.rowCount(), "two methods x two sizes");
        assertTrue(scale.numberColumn("peak_rss_mib").min() > scale.numberColumn("rss_before_mib").min());
    }

    /**
     * The limitations section end to end on tiny runs: the centroid comparison, the full centroid and
     * the gradient batch flow into their records, and the intervention cells train at their own rank,
     * weight decay and learning rate.
     */
    @Test
    void quickLimitationsSweepRecordsEachSettingWhereItActs() throws Exception {
        Path data = tmp.resolve("limitations-data");
        String out = CliRun.succeeding("reproduce", "limitations", "--profile", "quick", "--runs", tmp.resolve("limitations-runs").toString(),
                "--data", data.toString(), "--workers", "2");
        int units = Sections.units(new Limitations(), Profile.QUICK, tmp.resolve("r"), tmp.resolve("d")).size();
        assertTrue(out.contains(units + " ran") && out.contains("0 failed, 0 not run"), out);
        tech.tablesaw.api.Table centroids = tech.tablesaw.api.Table.read().csv(data.resolve("centroids/add-42/centroids.csv").toFile());
        assertEquals(java.util.List.of(0, 1, 2), centroids.intColumn("checkpoint_index").asList(), "checkpoints 0, n/2, n-1 of 3");
        assertTrue(Files.readString(data.resolve("centroid-full/add-42/analysis.json")).contains("full LCH: d(sum_c z_c) / d e_x"));
        String small = Files.readString(data.resolve("batch/add-42-b128/analysis.json")).replaceAll("\\s", "");
        assertTrue(small.contains("\"gradientBatch\":128"), small);
        tech.tablesaw.api.Table reference = tech.tablesaw.api.Table.read().csv(data.resolve("gradient/add-42/series.csv").toFile());
        tech.tablesaw.api.Table reseeded = tech.tablesaw.api.Table.read().csv(data.resolve("batch/add-42-seed1/series.csv").toFile());
        assertEquals(reference.numberColumn("random_median").asList(), reseeded.numberColumn("random_median").asList(),
                "another batch, the same random baseline");
        assertTrue(!reference.numberColumn("Rbar").asList().equals(reseeded.numberColumn("Rbar").asList()), "another batch, other R");
        String rank = Files.readString(data.resolve("runs/add-42-E-grad-r10/run.json")).replaceAll("\\s", "");
        assertTrue(rank.contains("\"rank\":10"), rank);
        String decay = Files.readString(data.resolve("runs/add-42-C-grad-wd0.3/run.json")).replaceAll("\\s", "");
        assertTrue(decay.contains("\"weightDecay\":0.3"), decay);
        assertTrue(Files.readString(data.resolve("runs/add-42-lr0.003/run.json")).replaceAll("\\s", "").contains("\"learningRate\":0.003"));
    }
}
