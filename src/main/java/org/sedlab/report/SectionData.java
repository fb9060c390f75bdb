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
import org.sedlab.io.ResultComparison;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitBuilder;
import org.sedlab.train.RunResult;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The results of one section's sweep as the notebooks read them: one folder per unit under
 * {@code data/<section>}. Units not computed yet are listed by {@link #missing()}; readers of a
 * missing unit get a message that says how to compute it.
 */
public final class SectionData {
    /** Set to a data folder (holding one folder per section) to read results from elsewhere. */
    public static final String VARIABLE = "SEDLAB_DATA";

    private final Section section;
    private final Path root;
    /** Tables and figures read the same CSVs several times (Table 1 reads a run's series once per estimator). */
    private final Map<Path, Table> read = new HashMap<>();

    public SectionData(Section section, Path root) {
        this(section, root, true);
    }

    private SectionData(Section section, Path root, boolean mustExist) {
        if (mustExist && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("no results folder at " + root.toAbsolutePath()
                    + "; compute it with: ./sedlab reproduce " + section.name());
        }
        this.section = section;
        this.root = root;
    }

    /**
     * Another part's results in the folder beside this one ({@code data/<name>}), for the cells one part
     * shares with another. A part not computed there reads as one with every unit missing, so that a
     * claim needing it says "not computed yet" instead of failing.
     */
    public SectionData beside(Section other) {
        return soFar(other, root.resolveSibling(other.name()));
    }

    /**
     * A part's results while its sweep runs, for the units it chooses from earlier ones: a folder not
     * made yet reads as one with every unit missing.
     */
    public static SectionData soFar(Section section, Path root) {
        return new SectionData(section, root, false);
    }

    /**
     * The committed results of a section in the repository around the working directory (a notebook
     * runs in notebooks/), or in {@code $SEDLAB_DATA/<section>} when that variable is set.
     */
    public static SectionData locate(Section section) {
        String sectionName = section.name();
        String env = System.getenv(VARIABLE);
        if (env != null && !env.isBlank()) return new SectionData(section, Path.of(env).resolve(sectionName));
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve(sectionName);
            if (Files.isDirectory(candidate)) return new SectionData(section, candidate);
        }
        throw new IllegalArgumentException("no data/" + sectionName + " folder above " + Path.of("").toAbsolutePath()
                + "; run the notebook inside the sedlab repository or set " + VARIABLE);
    }

    public Path root() { return root; }

    /** Where notebooks save figures as PNG and SVG: target/figures of the repository holding data/. */
    public Path figureDir() {
        Path repo = root.toAbsolutePath().normalize().getParent().getParent();
        return repo.resolve("target").resolve("figures");
    }

    /** The units of the full sweep whose results land here, done or not. */
    public List<SweepUnit> units() {
        return Sections.units(section, Profile.FULL, Path.of("runs"), root);
    }

    /** Units of the full sweep whose results are not here yet. */
    public List<String> missing() {
        List<String> ids = new ArrayList<>();
        for (SweepUnit u : units()) if (!u.isDone()) ids.add(u.id());
        return ids;
    }

    /**
     * How every present unit was made, in sweep order: its command, wall and CPU time, and the full
     * commit ("-dirty" kept) and numerics of the result's own record (a run's run.json, an analysis's
     * analysis.json), which for a run that one section trained and another published is the training's,
     * not the publishing unit's.
     */
    public Table provenance() {
        StringColumn unit = StringColumn.create("unit");
        StringColumn command = StringColumn.create("command");
        DoubleColumn seconds = DoubleColumn.create("wall seconds");
        DoubleColumn cpu = DoubleColumn.create("CPU seconds");
        StringColumn commit = StringColumn.create("commit");
        StringColumn numerics = StringColumn.create("numerics");
        for (SweepUnit u : units()) {
            if (!u.isDone()) continue;
            JsonObject record = json(u.output().resolve(SweepUnit.RECORD));
            JsonObject made = resultProvenance(u.output()).orElse(record.getAsJsonObject("provenance"));
            unit.append(u.id());
            command.append(record.get("command").getAsString());
            seconds.append(Math.round(record.get("wall_seconds").getAsDouble()));
            if (record.has("cpu_seconds")) cpu.append(Math.round(record.get("cpu_seconds").getAsDouble()));
            else cpu.appendMissing();
            commit.append(made.get("git_commit").getAsString());
            numerics.append(made.has("numerics") ? made.get("numerics").getAsString() : "");
        }
        return Table.create("How the results in " + section.name() + " were made", unit, command, seconds, cpu, commit, numerics);
    }

    /** The provenance of the result's own record in a unit's folder (not its unit.json), if it has one. */
    private static Optional<JsonObject> resultProvenance(Path folder) {
        for (String name : ResultComparison.resultFiles(folder)) {
            if (!name.endsWith(".json")) continue;
            JsonObject o = json(folder.resolve(name));
            if (o.has("provenance") && o.getAsJsonObject("provenance").has("git_commit")) return Optional.of(o.getAsJsonObject("provenance"));
        }
        return Optional.empty();
    }

    public boolean has(String unit) {
        return Files.isRegularFile(root.resolve(unit).resolve(SweepUnit.RECORD));
    }

    /** Whether a run's training unit is here. */
    public boolean hasRun(String run) { return has(UnitBuilder.runResults(run)); }

    /** A run's metrics.csv: step, then train/test loss and accuracy (per op for a multitask run). */
    public Table metrics(String run) {
        return table(UnitBuilder.runResults(run), "metrics.csv");
    }

    /**
     * How far a single-task run's accuracies got: the best train, the final train and the best test accuracy over
     * its evaluations; NaN for a run not trained yet. What a run that did not grok tells: whether it fitted
     * its training set and failed to generalise, or did not fit at all.
     */
    public record Accuracies(double bestTrain, double finalTrain, double bestTest) {}

    public Accuracies accuracies(String run) {
        if (!hasRun(run)) return new Accuracies(Double.NaN, Double.NaN, Double.NaN);
        Table m = metrics(run);
        return new Accuracies(m.doubleColumn("train_acc").max(), m.doubleColumn("train_acc").getDouble(m.rowCount() - 1),
                m.doubleColumn("test_acc").max());
    }

    /** A run's run.json: configuration, provenance, outcome. */
    public JsonObject run(String run) {
        return json(unit(UnitBuilder.runResults(run)).resolve("run.json"));
    }

    /** A run's grok step, empty if it did not grok within its step budget. */
    public OptionalLong grokStep(String run) {
        JsonObject json = run(run);
        return json.has("grok_step") && !json.get("grok_step").isJsonNull()
                ? OptionalLong.of(json.get("grok_step").getAsLong()) : OptionalLong.empty();
    }

    /** A run's first evaluated step with test accuracy >= 0.5, as its trainer recorded it; empty if it never got there. */
    public OptionalLong firstStepAtHalf(String run) {
        JsonObject json = run(run);
        return json.has(RunResult.FIRST_STEP_AT_HALF) && !json.get(RunResult.FIRST_STEP_AT_HALF).isJsonNull()
                ? OptionalLong.of(json.get(RunResult.FIRST_STEP_AT_HALF).getAsLong()) : OptionalLong.empty();
    }

    /** An analysis unit's series.csv (estimator, W, op, step, R1..Rk, Rbar, random_median, rank90). */
    public Table series(String unit) {
        return table(unit, "series.csv");
    }

    /** Any CSV a unit wrote. */
    public Table table(String unit, String file) {
        return csv(unit(unit).resolve(file), unit + "/" + file);
    }

    /** The JSON record of how a unit was made (command, settings, commit, machine, wall time). */
    public JsonObject record(String unit) {
        return json(unit(unit).resolve(SweepUnit.RECORD));
    }

    /** Any JSON file a unit wrote. */
    public JsonObject json(String unit, String file) {
        return json(unit(unit).resolve(file));
    }

    private Path unit(String id) {
        if (!has(id)) {
            throw new IllegalArgumentException("the result '" + id + "' is not in " + root
                    + " yet; compute it with: ./sedlab reproduce " + section.name());
        }
        return root.resolve(id);
    }

    private Table csv(Path file, String name) {
        return read.computeIfAbsent(file, f -> Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).tableName(name)
                .columnTypesPartial(SectionData::type)));
    }

    /** Column types fixed by name: type inference would make a column of whole numbers an int column, or R a string when empty. */
    private static Optional<ColumnType> type(String column) {
        if (column.equals("step")) return Optional.of(ColumnType.LONG);
        if (column.equals("W") || column.startsWith("rank90") || column.equals("checkpoint_index")) return Optional.of(ColumnType.INTEGER);
        if (column.equals("estimator") || column.equals("op") || column.equals("method")) return Optional.of(ColumnType.STRING);
        if (column.equals("measured") || column.equals("converged")) return Optional.of(ColumnType.BOOLEAN);
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
