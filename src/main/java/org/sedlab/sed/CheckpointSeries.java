package org.sedlab.sed;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sedlab.data.ModOp;
import org.sedlab.data.Task;
import org.sedlab.io.Npz;
import org.sedlab.model.Checkpoints;
import org.sedlab.model.NativeMemory;
import org.sedlab.model.Parameters;
import org.sedlab.model.StateDict;
import org.sedlab.train.RunConfig;

/**
 * The checkpoints of a run, in step order: a sedlab run directory (its checkpoints/ folder and
 * run.json), or any folder of .npz state dicts with PyTorch key names whose file names carry the step.
 */
public final class CheckpointSeries implements Checkpoints {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)");

    private final Path root;
    private final Task task;
    private final List<Path> files;
    private final List<Long> steps;
    private String contentDigest; // computed on first use: it reads every checkpoint

    private CheckpointSeries(Path root, Task task, List<Path> files, List<Long> steps) {
        this.root = root;
        this.task = task;
        this.files = files;
        this.steps = steps;
    }

    /**
     * Opens a run. The task comes from run.json when there is one; otherwise from the checkpoints
     * (p and single/multitask) and {@code op}, which a foreign single-task run must name.
     */
    public static CheckpointSeries open(Path run, ModOp op) {
        if (!Files.isDirectory(run)) throw new IllegalArgumentException("no run directory at " + run);
        Path dir = Files.isDirectory(run.resolve("checkpoints")) ? run.resolve("checkpoints") : run;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".npz"))
                    .filter(f -> NUMBER.matcher(f.getFileName().toString()).find())
                    .sorted(Comparator.comparingLong(CheckpointSeries::stepOf)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        if (files.isEmpty()) throw new IllegalArgumentException(dir + " holds no .npz checkpoints");
        Task task = readTask(run).orElseGet(() -> {
            Map<String, INDArray> first = Npz.read(files.get(0));
            if (op == null && !first.containsKey("head_add.weight")) {
                throw new IllegalArgumentException(run + " has no run.json: say which op its model computes (--op)");
            }
            return StateDict.inferTask(first, op, files.get(0).toString());
        });
        if (op != null && !task.ops().contains(op)) {
            throw new IllegalArgumentException("--op " + op.id() + ": " + run + " computes " + String.join(", ", task.ops().stream().map(ModOp::id).toList())
                    + "; name one of those, or drop --op");
        }
        return new CheckpointSeries(run, task, files, files.stream().map(CheckpointSeries::stepOf).toList());
    }

    private static java.util.Optional<Task> readTask(Path run) {
        Path json = run.resolve("run.json");
        if (!Files.exists(json)) return java.util.Optional.empty();
        try {
            JsonObject config = JsonParser.parseString(Files.readString(json)).getAsJsonObject().getAsJsonObject("config");
            String name = config.get("task").getAsString();
            int p = config.get("p").getAsInt();
            return java.util.Optional.of(RunConfig.MULTITASK.equals(name) ? Task.multitask(p) : Task.single(ModOp.parse(name), p));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(json + " is unreadable: " + e.getMessage());
        }
    }

    /** The last number in the file name is the step (step_000025.npz, ckpt_25.npz, 25.npz). */
    private static long stepOf(Path file) {
        Matcher m = NUMBER.matcher(file.getFileName().toString());
        long last = -1;
        while (m.find()) last = Long.parseLong(m.group(1));
        return last;
    }

    @Override
    public Path root() { return root; }

    @Override
    public Task task() { return task; }

    @Override
    public int size() { return files.size(); }

    @Override
    public long step(int i) { return steps.get(i); }

    public List<Long> steps() { return steps; }

    /** The index of the checkpoint at {@code step}; a step without one is refused, naming the run's range. */
    public int indexOf(long step) {
        int i = steps.indexOf(step);
        if (i < 0) throw new IllegalArgumentException("the run has no checkpoint at step " + step
                + "; steps run from " + step(0) + " to " + step(size() - 1));
        return i;
    }

    /**
     * The parameters of checkpoint i, checked against the task's model shape and for finite weights. Loops over checkpoints
     * load one per step, so this is where the previous step's native memory is released.
     */
    @Override
    public Parameters load(int i, DataType dtype) {
        NativeMemory.release();
        Parameters params = StateDict.toParameters(Npz.read(files.get(i)), task, dtype, files.get(i).toString());
        INDArray flat = params.flat();
        if (flat.isNaN().any() || flat.isInfinite().any()) {
            throw new IllegalArgumentException(files.get(i) + " holds weights that are not finite (NaN or infinite): the run "
                    + "diverged by step " + steps.get(i) + "; analyse a run that did not, or a folder of its earlier checkpoints");
        }
        return params;
    }

    /**
     * SHA-256 over every checkpoint's step and bytes, in order: what analysis caches are keyed by, so a
     * run re-trained or swapped for another with the same steps never reuses the old caches.
     */
    public synchronized String contentDigest() {
        if (contentDigest == null) {
            MessageDigest digest = AnalysisCache.sha256();
            byte[] buffer = new byte[1 << 16];
            for (int i = 0; i < files.size(); i++) {
                digest.update(Long.toString(steps.get(i)).getBytes(StandardCharsets.US_ASCII));
                try (InputStream in = Files.newInputStream(files.get(i))) {
                    for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + files.get(i) + ": " + e.getMessage(), e);
                }
            }
            contentDigest = HexFormat.of().formatHex(digest.digest());
        }
        return contentDigest;
    }

    /** {@code count} checkpoint indices spread evenly over the run: floor(linspace(0, n-1, count)). */
    public int[] evenlySpaced(int count) {
        if (count < 1) throw new IllegalArgumentException("number of evaluated checkpoints must be >= 1, got " + count);
        int n = size();
        int m = Math.min(count, n);
        int[] idx = new int[m];
        for (int j = 0; j < m; j++) idx[j] = m == 1 ? 0 : (int) Math.floor(j * (double) (n - 1) / (m - 1));
        return idx;
    }
}
