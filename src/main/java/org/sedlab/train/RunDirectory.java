package org.sedlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.io.AtomicFile;
import org.sedlab.io.FileClaim;
import org.sedlab.io.Npz;
import org.sedlab.optim.Stateful;

/**
 * The files of one run: {@code run.json} (configuration, provenance, outcome), {@code metrics.csv},
 * {@code checkpoints/step_NNNNNN.npz} (PyTorch state_dict keys) and {@code state.npz} (the resume
 * point: the step and the optimizer's state).
 */
public final class RunDirectory {
    private static final String STEP = "step";
    private static final Pattern CHECKPOINT = Pattern.compile("step_(\\d+)\\.npz");
    /** How long a claim waits for a holder that is ending, e.g. a unit of a sweep that was killed. */
    private static final Duration CLAIM_PATIENCE = Duration.ofSeconds(10);
    private final Path root;

    public RunDirectory(Path root) { this.root = root; }

    public Path root() { return root; }

    /**
     * Claims the directory for one training process until closed: a second process training into it
     * at the same time would interleave checkpoints and records. A claim whose holder died is free.
     */
    public FileClaim claim() {
        Path lock = root.resolve(".lock");
        return FileClaim.take(lock, CLAIM_PATIENCE).orElseThrow(() -> new IllegalStateException(root
                + " is being trained by another sedlab process" + FileClaim.holder(lock).map(pid -> " (pid " + pid + ")").orElse("")
                + "; wait for it to end or choose another --out"));
    }

    public Path runJson() { return root.resolve("run.json"); }

    public Path metricsCsv() { return root.resolve("metrics.csv"); }

    public Path resumeState() { return root.resolve("state.npz"); }

    /** Moves the resume point to {@code step}: state.npz holds the step, then the parts' states under their own keys. */
    public void saveResumePoint(long step, Stateful parts) {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(STEP, Nd4j.createFromArray(step));
        state.putAll(parts.state());
        Npz.write(resumeState(), state);
    }

    /** Restores {@code parts} from the resume point and returns its step. */
    public long restoreResumePoint(Stateful parts) {
        Map<String, INDArray> state = Npz.read(resumeState());
        parts.restore(state);
        return state.get(STEP).getLong(0);
    }

    public Path checkpointsDir() { return root.resolve("checkpoints"); }

    public Path checkpoint(long step) { return checkpointsDir().resolve(String.format("step_%06d.npz", step)); }

    /** Where the optimizer's state at each checkpoint goes when asked: a folder of its own, so checkpoints/ holds models only. */
    public Path optimizerStatesDir() { return root.resolve("optimizer"); }

    /** The optimizer's state at a checkpoint (AdamW's moments and step count, an intervention's buffer), if it was saved. */
    public Path optimizerState(long step) { return optimizerStatesDir().resolve(String.format("step_%06d.npz", step)); }

    /** Steps of the checkpoints present, ascending. */
    public List<Long> checkpointSteps() {
        if (!Files.isDirectory(checkpointsDir())) return List.of();
        try (Stream<Path> files = Files.list(checkpointsDir())) {
            return files.map(f -> CHECKPOINT.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Long.parseLong(m.group(1))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + checkpointsDir(), e);
        }
    }

    /** Rewrites metrics.csv (atomically) from the whole history. */
    public void writeMetrics(List<Evaluation> history, List<String> opNames) {
        boolean multi = opNames.size() > 1;
        StringBuilder csv = new StringBuilder("step");
        for (String op : opNames) {
            String suffix = multi ? "_" + op : "";
            csv.append(",train_loss").append(suffix).append(",train_acc").append(suffix)
               .append(",test_loss").append(suffix).append(",test_acc").append(suffix);
        }
        csv.append('\n');
        for (Evaluation e : history) {
            csv.append(e.step());
            for (int h = 0; h < opNames.size(); h++) {
                csv.append(',').append(e.trainLoss()[h]).append(',').append(e.trainAccuracy()[h])
                   .append(',').append(e.testLoss()[h]).append(',').append(e.testAccuracy()[h]);
            }
            csv.append('\n');
        }
        AtomicFile.writeString(metricsCsv(), csv.toString());
    }

    /** The evaluations recorded in metrics.csv (empty if there is none). */
    public List<Evaluation> readMetrics() {
        if (!Files.exists(metricsCsv())) return List.of();
        try {
            List<String> lines = Files.readAllLines(metricsCsv(), StandardCharsets.UTF_8);
            int heads = (lines.get(0).split(",").length - 1) / 4;
            List<Evaluation> history = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                double[][] cols = new double[4][heads];
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < 4; c++) cols[c][h] = Double.parseDouble(f[1 + 4 * h + c]);
                }
                history.add(new Evaluation(Long.parseLong(f[0]), cols[0], cols[1], cols[2], cols[3]));
            }
            return history;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(metricsCsv() + " is unreadable (" + e.getMessage()
                    + "); delete the run directory to start the run again", e);
        }
    }
}
