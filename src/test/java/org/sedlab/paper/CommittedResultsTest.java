package org.sedlab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunConfig;

/**
 * The committed results in data/ say how they were made and are whole: every result carries its
 * record, every metrics.csv its evaluations exactly once. (That they are what today's code computes,
 * bit for bit, is CommittedDataDriftIT's: it recomputes one unit.)
 */
class CommittedResultsTest {
    private static final Path DATA = Path.of("data");
    /** run.json's configuration read back as the trainer wrote it. */
    private static final Gson RUN_JSON = new Gson();

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
                if (u.training().isPresent()) {
                    // the configuration the sweep wrote the command from is the one the run recorded
                    RunConfig recorded = RUN_JSON.fromJson(json(u.output().resolve("run.json")).get("config"), RunConfig.class);
                    assertEquals(u.training().get(), recorded, u.id());
                }
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

    /**
     * Every record in data/ was made in the portable numeric mode by a clean commit whose numerics are
     * today's: the golden file of numerics (GoldenNumericsTest's) is the same at that commit as here. A
     * deliberate change of numerics changes that file, and with it every record's commit fails this
     * test until data/ is regenerated.
     */
    @Test
    void everyRecordComesFromACleanPortableCommitWithTodaysNumerics() throws Exception {
        String golden = Files.readString(Path.of(GOLDEN));
        Map<String, Boolean> sameNumerics = new HashMap<>();
        int records = 0;
        try (Stream<Path> all = Files.walk(DATA)) {
            for (Path file : all.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonObject json = json(file);
                if (!json.has("provenance")) continue;
                records++;
                JsonObject provenance = json.getAsJsonObject("provenance");
                assertEquals("portable", provenance.has("numerics") ? provenance.get("numerics").getAsString() : "not recorded",
                        file + ": made in the portable numeric mode");
                String commit = provenance.get("git_commit").getAsString();
                assertTrue(commit.matches("[0-9a-f]{40}"), file + ": made by a clean, full commit, not '" + commit + "'");
                assertTrue(sameNumerics.computeIfAbsent(commit, c -> golden.equals(fileAt(c, GOLDEN))),
                        file + ": made by " + commit + ", whose golden numerics differ from today's: regenerate it");
            }
        }
        assertTrue(records > 0, "no record under data/");
    }

    private static final String GOLDEN = "src/test/resources/golden-numerics.json";

    /** A file's content at a commit of this repository's history ("" if the commit or the file is not there). */
    private static String fileAt(String commit, String path) {
        try {
            Process git = new ProcessBuilder("git", "show", commit + ":" + path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String content = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return git.waitFor() == 0 ? content : "";
        } catch (Exception e) {
            throw new IllegalStateException("git is needed to read " + path + " at " + commit, e);
        }
    }

    /** Every committed metrics.csv has exactly the rows its run evaluated: steps increasing, no duplicate, no gap. */
    @Test
    void everyCommittedMetricsFileHasOneRowPerEvaluatedStep() throws Exception {
        int files = 0;
        try (Stream<Path> all = Files.walk(DATA)) {
            for (Path metrics : all.filter(f -> f.getFileName().toString().equals("metrics.csv")).toList()) {
                files++;
                JsonObject run = json(metrics.resolveSibling("run.json"));
                RunConfig config = RUN_JSON.fromJson(run.get("config"), RunConfig.class);
                long completed = run.get("steps_completed").getAsLong();
                List<Long> expected = new ArrayList<>();
                for (long step = 0; step <= completed; step++) if (config.evaluatesAt(step)) expected.add(step);
                List<Long> steps = Files.readAllLines(metrics).stream().skip(1).filter(l -> !l.isBlank())
                        .map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
                assertEquals(expected, steps, metrics + ": one row per evaluated step, 0 to " + completed);
            }
        }
        assertTrue(files > 0, "no metrics.csv under data/");
    }

    private static JsonObject json(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
