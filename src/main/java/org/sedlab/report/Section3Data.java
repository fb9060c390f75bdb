package org.sedlab.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section3Sweep;
import org.sedlab.sweep.SweepUnit;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The results of the Section 3 sweep as the notebooks read them: one folder per unit under
 * {@code data/section3} (see {@link Section3Sweep}). Units not computed yet are listed by
 * {@link #missing()}; readers of a missing unit get a message that says how to compute it.
 */
public final class Section3Data {
    private final Path root;
    /** Tables and figures read the same CSVs several times (Table 1 reads a run's series once per estimator). */
    private final Map<Path, Table> read = new HashMap<>();

    public Section3Data(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no results folder at " + root.toAbsolutePath()
                    + "; compute it with: ./sedlab reproduce section3");
        }
        this.root = root;
    }

    /**
     * The committed results of the repository around the working directory (a notebook runs in
     * notebooks/), or those in {@code SEDLAB_DATA} when it is set.
     */
    public static Section3Data locate() {
        String env = System.getenv("SEDLAB_DATA");
        if (env != null && !env.isBlank()) return new Section3Data(Path.of(env));
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve("section3");
            if (Files.isDirectory(candidate)) return new Section3Data(candidate);
        }
        throw new IllegalArgumentException("no data/section3 folder above " + Path.of("").toAbsolutePath()
                + "; run the notebook inside the sedlab repository or set SEDLAB_DATA");
    }

    public Path root() { return root; }

    /** Where notebooks save figures as PNG and SVG: target/figures of the repository holding data/section3. */
    public Path figureDir() {
        Path repo = root.toAbsolutePath().normalize().getParent().getParent();
        return repo.resolve("target").resolve("figures");
    }

    /** Units of the full sweep whose results are not here yet. */
    public List<String> missing() {
        List<String> ids = new ArrayList<>();
        for (SweepUnit u : Section3Sweep.units(Profile.FULL, Path.of("runs"), root)) if (!u.isDone()) ids.add(u.id());
        return ids;
    }

    public boolean has(String unit) {
        return Files.isRegularFile(root.resolve(unit).resolve(SweepUnit.RECORD));
    }

    /** A run's metrics.csv: step, train/test loss and accuracy every 25 steps. */
    public Table metrics(String run) {
        return csv(unit("runs/" + run).resolve("metrics.csv"), run + " metrics");
    }

    /** A run's grok step, empty if it did not grok within its step budget. */
    public OptionalLong grokStep(String run) {
        JsonObject json = json(unit("runs/" + run).resolve("run.json"));
        return json.has("grok_step") && !json.get("grok_step").isJsonNull()
                ? OptionalLong.of(json.get("grok_step").getAsLong()) : OptionalLong.empty();
    }

    /** An analysis unit's series.csv (estimator, W, op, step, R1..Rk, Rbar, random_median, rank90). */
    public Table series(String unit) {
        return csv(unit(unit).resolve("series.csv"), unit);
    }

    /** The per-example gradient SVD of the control run (Table 3). */
    public Table perExample() {
        return csv(unit("per-example/" + Section3Sweep.CONTROL).resolve("per-example.csv"), "per-example gradient SVD");
    }

    /** The JSON record of how a unit was made (command, settings, commit, machine, wall time). */
    public JsonObject record(String unit) {
        return json(unit(unit).resolve(SweepUnit.RECORD));
    }

    private Path unit(String id) {
        if (!has(id)) {
            throw new IllegalArgumentException("the result '" + id + "' is not in " + root
                    + " yet; compute it with: ./sedlab reproduce section3");
        }
        return root.resolve(id);
    }

    private Table csv(Path file, String name) {
        return read.computeIfAbsent(file, f -> Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(name).columnTypesPartial(Section3Data::type)));
    }

    /** Column types fixed by name: type inference would make a column of whole numbers an int column, or R a string when empty. */
    private static Optional<ColumnType> type(String column) {
        if (column.equals("step")) return Optional.of(ColumnType.LONG);
        if (column.equals("W") || column.equals("rank90")) return Optional.of(ColumnType.INTEGER);
        if (column.equals("estimator") || column.equals("op")) return Optional.of(ColumnType.STRING);
        return Optional.of(ColumnType.DOUBLE);
    }

    private static JsonObject json(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
