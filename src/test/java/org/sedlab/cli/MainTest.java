package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.io.Npz;

/** Bad input on the command line ends with one clear line on stderr and exit code 2. */
class MainTest {
    @TempDir Path tmp;

    @Test
    void badArgumentsGiveOneLineErrorsNotStackTraces() {
        assertError("unknown op 'div'", "train", "--op", "div", "--out", tmp.resolve("a").toString());
        assertError("must be prime, got 91", "train", "--op", "add", "--p", "91", "--out", tmp.resolve("b").toString());
        assertError("batch size must be positive, got 0", "train", "--op", "add", "--batch", "0", "--out", tmp.resolve("c").toString());
        assertError("precision must be float32 or float64", "train", "--op", "add", "--precision", "half", "--out", tmp.resolve("d").toString());
    }

    @Test
    void divergedTrainingAndNonFiniteCheckpointsAreNamedInOneLine() throws Exception {
        Path run = tmp.resolve("nan");
        assertError("diverged at step ", "train", "--op", "add", "--p", "11", "--batch", "64", "--lr", "1e4",
                "--max-steps", "200", "--eval-every", "5", "--checkpoint-every", "5", "--out", run.toString());
        assertError("diverged at step ", "train", "--op", "add", "--p", "11", "--batch", "64", "--lr", "1e4",
                "--max-steps", "200", "--eval-every", "5", "--checkpoint-every", "5", "--out", run.toString());

        // A checkpoint with a NaN weight, as a run diverged by another trainer would leave.
        Path checkpoint = run.resolve("checkpoints").resolve("step_000000.npz");
        java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> weights = new java.util.HashMap<>(Npz.read(checkpoint));
        weights.get("head.weight").putScalar(0, Double.NaN);
        Npz.write(checkpoint, weights);
        assertError(checkpoint + " holds weights that are not finite", "analyze", "--run", run.toString(), "--estimators", "gradient",
                "--n-checkpoints", "2", "--n-probes", "16", "--n-random", "2", "--W", "1", "--k", "1");
    }

    @Test
    void identicalCheckpointsGiveEmptyRowsWithAReasonNotACrash() throws Exception {
        Path run = tmp.resolve("still");
        assertEquals(0, Main.run("train", "--op", "add", "--p", "11", "--batch", "64", "--max-steps", "20",
                "--eval-every", "5", "--checkpoint-every", "5", "--no-stop-at-grok", "--out", run.toString()));
        // Training that did not move: every checkpoint equals the first, so every update window is all zeros.
        Path checkpoints = run.resolve("checkpoints");
        for (String later : new String[]{"step_000005.npz", "step_000010.npz", "step_000015.npz", "step_000020.npz"}) {
            java.nio.file.Files.copy(checkpoints.resolve("step_000000.npz"), checkpoints.resolve(later),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path out = tmp.resolve("still-analysis");
        assertEquals(0, Main.run("analyze", "--run", run.toString(), "--out", out.toString(), "--estimators", "update,gradient",
                "--n-checkpoints", "5", "--n-probes", "16", "--n-random", "2", "--W", "2", "--k", "2"));
        String series = java.nio.file.Files.readString(out.resolve("series.csv"));
        String json = java.nio.file.Files.readString(out.resolve("analysis.json"));
        assertTrue(series.lines().anyMatch(l -> l.startsWith("update,2,add,5,,,,")), series);
        assertTrue(json.contains("the checkpoints it spans are identical"), json);
    }

    @Test
    void badOptionsAreRefusedBeforeAnyWorkNamingTheValidValues() throws Exception {
        Path run = tmp.resolve("tiny");
        assertEquals(0, Main.run("train", "--op", "add", "--p", "11", "--batch", "32", "--max-steps", "10", "--eval-every", "5",
                "--checkpoint-every", "5", "--no-stop-at-grok", "--out", run.toString()));
        String r = run.toString();
        assertError("--k must lie in [1, --batch=512], got -2", "per-example", "--run", r, "--k", "-2");
        assertError("--batch 2000000000 is more than 10 times the 121 pairs of this task's domain: ask for at most 1210", "per-example", "--run", r,
                "--n-probes", "64", "--batch", "2000000000");
        assertError("--n 2000000000 is more than 10 times the 121 pairs", "fisher-scale", "--run", r, "--n", "2000000000");
        assertError("--steps names a step twice", "per-example", "--run", r, "--n-probes", "64", "--steps", "0,0");
        assertError("--op mul: " + r + " computes add; name one of those, or drop --op", "compare-centroids", "--run", r, "--op", "mul", "--n-probes", "64");
        assertError("--uncentred, --max-products and --ritz-tolerance set up fisher-lanczos, which this analysis (--estimators) does not run",
                "analyze", "--run", r, "--n-probes", "64", "--max-products", "5");
        assertError("which --estimator exact does not run", "per-example", "--run", r, "--n-probes", "64", "--uncentred");
        assertError("the run has no checkpoint at step 7", "per-example", "--run", r, "--n-probes", "64", "--steps", "0,7");
        assertError("--estimator must be exact or fisher-lanczos, got 'svd'", "per-example", "--run", r, "--estimator", "svd");
        assertError("--against-exact goes with --estimator fisher-lanczos", "per-example", "--run", r, "--against-exact");
        assertError("the Ritz-residual tolerance must be positive, got 0.0", "per-example", "--run", r, "--estimator", "fisher-lanczos",
                "--ritz-tolerance", "0");
        assertError("Lanczos needs at least one iteration, got 0", "analyze", "--run", r, "--n-probes", "64",
                "--estimators", "fisher-lanczos", "--max-products", "0");
        assertError("unknown method 'dense': choose materialised or lanczos", "fisher-scale", "--run", r, "--methods", "dense");
        assertError("--n must be at least --k=3, got 2", "fisher-scale", "--run", r, "--n", "2");
        assertError("the run has no checkpoint at step 7", "fisher-scale", "--run", r, "--step", "7");
        assertError("n-probes must lie in [1, 121]", "analyze", "--run", r, "--n-probes", "2000000000");
        assertError("n-probes must lie in [1, 121]", "per-example", "--run", r, "--n-probes", "122");
        assertError("--n-random must be at least 1, got 0", "analyze", "--run", r, "--n-probes", "64", "--n-random", "0");
        Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "");
        assertError("--out " + file + " is a file, not a folder", "analyze", "--run", r, "--n-probes", "64", "--out", file.toString());
        assertError("--out " + tmp + " is a folder; name a file", "per-example", "--run", r, "--n-probes", "64", "--out", tmp.toString());
        assertError("--data " + file + " is a file, not a folder", "reproduce", "section3", "--profile", "quick",
                "--runs", tmp.resolve("sweep-runs").toString(), "--data", file.toString());
        assertError("--max-parallel must be at least 1, got 0", "reproduce", "section4", "--slurm", "--dry-run", "--max-parallel", "0");
        assertError("--time must be a Slurm time limit", "reproduce", "section4", "--slurm", "--dry-run", "--time", "3h");
        assertError("--partition, --time and --max-parallel go with --slurm", "reproduce", "section4", "--time", "10");
        assertError("--partition, --time and --max-parallel go with --slurm", "reproduce", "section4", "--max-parallel", "5");
        assertError("--workers runs units here; with --slurm the cluster runs them", "reproduce", "section4", "--slurm", "--dry-run", "--workers", "2");
        assertError("no unit 'train/nope' in section4 (full profile)", "run-unit", "section4", "train/nope");
        assertError("unknown centroid 'both': choose simplified (d z_y/d e_x, the paper's) or full (d(sum_c z_c)/d e_x)", "analyze", "--run", "no-such-run", "--centroid", "both");
        assertError("--gradient-batch must be at least 1, got 0", "analyze", "--run", "no-such-run", "--gradient-batch", "0");
        assertError("--repeats must be at least 1, got 0", "bench", "--repeats", "0");
        assertError("--repeats must be at least 1, got -3", "bench", "--repeats", "-3");
        assertError("--warmup must be 0 or more, got -1", "bench", "--warmup", "-1");
        assertError("unknown workload 'everything' in --only: choose from train_step_b512, train_step_multitask_b512, train_step_sed_projection_b512, train_step_random_projection_b512, evaluation_all_pairs, centroids_1024", "bench", "--only", "everything");
    }

    @Test
    void helpDescriptionsOpenWithWholeSentences() {
        for (picocli.CommandLine sub : new picocli.CommandLine(new Main()).getSubcommands().values()) {
            if (sub.getCommandName().equals("help")) continue; // picocli's own
            for (String line : sub.getCommandSpec().usageMessage().description()) assertTrue(line.endsWith("."), sub.getCommandName() + ": " + line);
        }
    }

    @Test
    void resultTablesOnTheConsoleShowFourSignificantDigits() {
        tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create("t",
                tech.tablesaw.api.DoubleColumn.create("Rbar", new double[]{58.2938861174613, Double.NaN}),
                tech.tablesaw.api.DoubleColumn.create("random_median", new double[]{3.2057813950814307E-4, 1}));
        String printed = ConsoleTables.print(table);
        assertTrue(printed.contains("58.29") && printed.contains("0.0003206") && !printed.contains("58.2938"), printed);
        assertEquals(58.2938861174613, table.doubleColumn("Rbar").get(0), "the table itself keeps every digit");
    }

    @Test
    void theFastNumericsAreRefusedForTheCommittedDataBeforeAnyWork() {
        try (org.sedlab.linalg.Numerics.Scope fast = org.sedlab.linalg.Numerics.use(org.sedlab.linalg.Numerics.FAST)) {
            assertError("do not write the committed results in data/", "reproduce", "section3");
            assertError("do not write the committed results in data/", "run-unit", "section3", "train/add-42");
        }
    }

    @Test
    void trainRefusesOptionsThatWouldBeIgnoredOrFailLaterBeforeAnyWork() {
        String out = tmp.resolve("never").toString();
        assertError("--projection, --rank, --window, --sed-basis, --weights and --after-memorisation apply to an", "train", "--op", "add", "--rank", "5", "--out", out);
        assertError("--projection, --rank, --window, --sed-basis, --weights and --after-memorisation apply to an", "train", "--op", "add", "--sed-basis", "natural", "--out", out);
        assertError("weight decay must be finite and >= 0, got Infinity", "train", "--op", "add", "--weight-decay", "Infinity", "--out", out);
        assertError("learning rate must be positive and finite, got Infinity", "train", "--op", "add", "--lr", "Infinity", "--out", out);
        assertError("interventions run in float32", "train", "--op", "add", "--precision", "float64", "--intervention", "C",
                "--projection", "update", "--out", out);
        assertError("the intervention's buffer of --window 40000 attention vectors needs ", "train", "--op", "add", "--intervention", "C",
                "--projection", "gradient", "--window", "40000", "--out", out);
        assertError("lower --window (the paper's is 20)", "train", "--op", "add", "--intervention", "C", "--projection", "gradient",
                "--window", "4000", "--out", out);
        assertFalse(Files.exists(tmp.resolve("never")), "no run folder left behind");
    }

    @Test
    void trainKeepsTheOptimizersStateAtEveryCheckpointWhenAsked() {
        Path run = tmp.resolve("moments");
        assertEquals(0, Main.run("train", "--op", "add", "--p", "11", "--batch", "64", "--max-steps", "10", "--eval-every", "5",
                "--checkpoint-every", "5", "--save-optimizer-state", "--out", run.toString()));
        for (String step : new String[]{"000000", "000005", "000010"}) {
            assertTrue(Files.isRegularFile(run.resolve("optimizer/step_" + step + ".npz")), step);
        }
    }

    @Test
    void aMalformedSweepLeaderVariableIsOneLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version").redirectErrorStream(true);
        pb.environment().put("SEDLAB_SWEEP_PID", "abc");
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), text);
        assertTrue(text.contains("sedlab: error: SEDLAB_SWEEP_PID must be a process id, got 'abc'") && !text.contains("\tat "), text);
    }

    private static void assertError(String fragment, String... args) {
        CliRun run = CliRun.of(args);
        String text = run.err();
        assertEquals(2, run.code(), text);
        assertTrue(text.contains("sedlab: error: ") && text.contains(fragment), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
    }
}
