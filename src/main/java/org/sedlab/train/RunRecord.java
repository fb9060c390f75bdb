package org.sedlab.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.sedlab.intervention.Intervention;
import org.sedlab.io.AtomicFile;
import org.sedlab.optim.AdamWSettings;
import org.sedlab.provenance.ProcessMemory;
import org.sedlab.provenance.Provenance;

/** run.json: the configuration, provenance, timing and outcome of a run, rewritten as the run goes. */
final class RunRecord {
    private static final String DIVERGED_AT = "diverged_at_step";
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().serializeNulls()
            .registerTypeAdapterFactory(new WithoutPaperDefaults()).create();

    /**
     * The settings beyond the paper in an intervention and in the optimizer's settings are null (or false)
     * at the paper's value: those members are not written, so a run recorded before they existed reads and
     * writes back the same, and a record names them only where a run differs from the paper.
     */
    private static final class WithoutPaperDefaults implements TypeAdapterFactory {
        private static final Set<Class<?>> TYPES = Set.of(Intervention.class, AdamWSettings.class);

        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (!TYPES.contains(type.getRawType())) return null;
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            TypeAdapter<JsonElement> trees = gson.getAdapter(JsonElement.class);
            return new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    JsonElement tree = delegate.toJsonTree(value);
                    if (tree.isJsonObject()) tree.getAsJsonObject().entrySet().removeIf(m -> m.getValue().isJsonNull()
                            || m.getValue().equals(new JsonPrimitive(false)));
                    trees.write(out, tree);
                }

                @Override
                public T read(JsonReader in) throws IOException { return delegate.read(in); }
            };
        }
    }

    private final RunDirectory dir;
    private final JsonObject json;
    private final double priorSeconds;
    private final java.util.List<String> ops;

    private RunRecord(RunDirectory dir, JsonObject json, RunConfig config) {
        this.dir = dir;
        this.json = json;
        this.ops = config.toTask().ops().stream().map(org.sedlab.data.ModOp::id).toList();
        this.priorSeconds = json.get("wall_seconds").getAsDouble();
    }

    /** The record of this directory, new or existing; an existing one must hold the same configuration. */
    static RunRecord open(RunDirectory dir, RunConfig config) {
        JsonElement wanted = GSON.toJsonTree(config);
        if (Files.exists(dir.runJson())) {
            JsonObject existing;
            try {
                existing = JsonParser.parseString(Files.readString(dir.runJson(), StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(dir.runJson() + " is unreadable (" + e.getMessage() + "); the checkpoints are "
                        + "kept: move run.json aside (e.g. to run.json.broken) and run the same command again to resume from "
                        + "the last checkpoint (the run's start time and provenance are lost with it)");
            }
            JsonElement there = normalised(existing.get("config"));
            if (!wanted.equals(there)) {
                throw new IllegalStateException(dir.root() + " already holds a run with another configuration ("
                        + String.join("; ", differences("", there, wanted))
                        + "); choose another --out, or ask for the run that is there");
            }
            return new RunRecord(dir, existing, config);
        }
        JsonObject json = new JsonObject();
        json.add("config", wanted);
        json.addProperty("status", "running");
        json.addProperty("start_time", Instant.now().toString());
        json.addProperty("wall_seconds", 0.0);
        return new RunRecord(dir, json, config);
    }

    /**
     * A recorded configuration as this version writes it: settings added since the run was made
     * take their defaults (false, none), so older runs still resume and report.
     */
    private static JsonElement normalised(JsonElement recorded) {
        try {
            return GSON.toJsonTree(GSON.fromJson(recorded, RunConfig.class));
        } catch (RuntimeException e) {
            return recorded;
        }
    }

    /** "field: X there, Y asked" for every field (dotted path inside nested objects) that differs. */
    private static List<String> differences(String path, JsonElement there, JsonElement asked) {
        if (there != null && asked != null && there.isJsonObject() && asked.isJsonObject()) {
            Set<String> fields = new TreeSet<>(there.getAsJsonObject().keySet());
            fields.addAll(asked.getAsJsonObject().keySet());
            List<String> out = new ArrayList<>();
            for (String f : fields) {
                out.addAll(differences(path.isEmpty() ? f : path + "." + f, there.getAsJsonObject().get(f), asked.getAsJsonObject().get(f)));
            }
            return out;
        }
        if (Objects.equals(there, asked)) return List.of();
        return List.of((path.isEmpty() ? "config" : path) + ": " + there + " there, " + asked + " asked");
    }

    /** The outcome if the run already finished. */
    Optional<RunResult> finished() {
        String status = json.get("status").getAsString();
        if ("running".equals(status)) return Optional.empty();
        OptionalLong grok = json.has("grok_step") && !json.get("grok_step").isJsonNull()
                ? OptionalLong.of(json.get("grok_step").getAsLong()) : OptionalLong.empty();
        long[] perOp = new long[ops.size()];
        JsonObject byOp = json.has("grok_steps") ? json.getAsJsonObject("grok_steps") : new JsonObject();
        for (int h = 0; h < perOp.length; h++) {
            JsonElement s = byOp.get(ops.get(h));
            perOp[h] = s == null || s.isJsonNull() ? -1 : s.getAsLong();
        }
        OptionalLong diverged = json.has(DIVERGED_AT) ? OptionalLong.of(json.get(DIVERGED_AT).getAsLong()) : OptionalLong.empty();
        return Optional.of(new RunResult(RunResult.Status.valueOf(status.toUpperCase().replace('-', '_')), grok, perOp,
                json.get("steps_completed").getAsLong(), json.get("wall_seconds").getAsDouble(), diverged,
                json.has("projected_steps") ? json.get("projected_steps").getAsLong() : 0));
    }

    /** Wall time of the whole run: earlier sessions plus this one. */
    double totalSeconds(double sessionSeconds) { return priorSeconds + sessionSeconds; }

    /** Marks the (re)start of training from the given step. */
    void begin(long fromStep) {
        JsonElement provenance = GSON.toJsonTree(Provenance.describe());
        if (fromStep == 0) {
            json.add("provenance", provenance);
        } else {
            // A resumed run keeps the provenance of its start and records each resumption's own.
            JsonObject resumption = new JsonObject();
            resumption.addProperty("from_step", fromStep);
            resumption.addProperty("time", Instant.now().toString());
            resumption.add("provenance", provenance);
            if (!json.has("resumptions")) json.add("resumptions", new com.google.gson.JsonArray());
            json.getAsJsonArray("resumptions").add(resumption);
            json.addProperty("resumed_from_step", fromStep);
        }
        save();
    }

    /** Records the latest checkpointed progress so a crash leaves an honest record. */
    void progress(long step, double sessionSeconds) {
        json.addProperty("steps_completed", step);
        json.addProperty("wall_seconds", totalSeconds(sessionSeconds));
        save();
    }

    /** @param halfway the first evaluated step with test accuracy >= 0.5 on every head (plots align runs on it) */
    void end(RunResult result, java.util.OptionalLong halfway) {
        json.add(RunResult.FIRST_STEP_AT_HALF, halfway.isPresent() ? new com.google.gson.JsonPrimitive(halfway.getAsLong())
                : com.google.gson.JsonNull.INSTANCE);
        json.addProperty("status", result.status().name().toLowerCase().replace('_', '-'));
        if (result.grokStep().isPresent()) json.addProperty("grok_step", result.grokStep().getAsLong());
        if (result.divergedAt().isPresent()) json.addProperty(DIVERGED_AT, result.divergedAt().getAsLong());
        JsonObject byOp = new JsonObject();
        for (int h = 0; h < ops.size(); h++) {
            long s = result.headGrokSteps()[h];
            if (s >= 0) byOp.addProperty(ops.get(h), s);
            else byOp.add(ops.get(h), com.google.gson.JsonNull.INSTANCE);
        }
        json.add("grok_steps", byOp);
        if (result.projectedSteps() > 0) json.addProperty("projected_steps", result.projectedSteps());
        json.addProperty("steps_completed", result.stepsCompleted());
        json.addProperty("wall_seconds", result.wallSeconds());
        json.addProperty("peak_rss_mib", Math.round(ProcessMemory.peakRssMib()));
        json.addProperty("end_time", Instant.now().toString());
        save();
    }

    private void save() {
        AtomicFile.writeString(dir.runJson(), GSON.toJson(json) + "\n");
    }
}
