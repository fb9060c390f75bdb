package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.io.AtomicFile;
import org.sedlab.io.ResultDigest;

/**
 * The portable numerics over time and across machines: a short canonical run (add, seed 42, 300 steps)
 * and a small analysis of it must reproduce the digests committed in {@value #GOLDEN}, and the same run
 * must give the same bits in JVMs that compile it differently: without the Vector API, on 256-bit
 * vectors as an AVX2-only CPU gets, without auto-vectorisation, and on another JDK where one is
 * installed. A deliberate change of the numerics rewrites the file in the same commit, saying why:
 * {@code mvn test -Dtest=GoldenNumericsTest -Dsedlab.golden.write="why the bits changed"}.
 */
class GoldenNumericsTest {
    static final String GOLDEN = "src/test/resources/golden-numerics.json";
    private static final String WRITE = "sedlab.golden.write";
    private static final String[] TRAIN = {"train", "--op", "add", "--seed", "42"};
    private static final int STEPS = 300;
    private static final int SHORT_STEPS = 50;
    private static final String[] ANALYZE = {"--estimators", "update,gradient", "--W", "5", "--n-checkpoints", "4", "--n-probes", "256", "--n-random", "4"};

    @TempDir Path tmp;

    @Test
    void theCanonicalRunAndItsAnalysisComputeTheCommittedBits() throws IOException {
        Path run = tmp.resolve("add-42");
        Path analysis = tmp.resolve("analysis");
        assertEquals(0, Main.run(concat(TRAIN, "--max-steps", String.valueOf(STEPS), "--out", run.toString())));
        assertEquals(0, Main.run(concat(concat(new String[]{"analyze", "--run", run.toString(), "--out", analysis.toString()}, ANALYZE))));
        Map<String, String> digests = new TreeMap<>(digests(run));
        digests.put("analysis/series.csv", ResultDigest.of(analysis.resolve("series.csv")));

        String why = System.getProperty(WRITE);
        if (why != null) {
            JsonObject golden = new JsonObject();
            golden.addProperty("why", why);
            golden.addProperty("run", "sedlab " + String.join(" ", TRAIN) + " --max-steps " + STEPS);
            golden.addProperty("analysis", "sedlab analyze " + String.join(" ", ANALYZE));
            golden.add("digests", new Gson().toJsonTree(digests));
            AtomicFile.writeString(Path.of(GOLDEN), new GsonBuilder().setPrettyPrinting().create().toJson(golden) + "\n");
            return;
        }
        Map<String, String> expected = golden();
        List<String> differing = new ArrayList<>();
        for (String name : expected.keySet()) if (!expected.get(name).equals(digests.get(name))) differing.add(name);
        assertEquals(expected.keySet(), digests.keySet(), "the canonical run's files");
        assertTrue(differing.isEmpty(), "the portable numerics changed: " + differing + " differ from " + GOLDEN + ". If the change"
                + " is deliberate, rewrite the file with -D" + WRITE + "=\"why\" in the same commit, and regenerate data/.");
    }

    @Test
    void theSameBitsInJvmsThatCompileTheProductsDifferently() throws Exception {
        Map<String, String> expected = golden();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<List<String>> variants = new ArrayList<>();
        variants.add(List.of(java, "-XX:UseAVX=2")); // the loops alone, on AVX2 vectors
        variants.add(List.of(java, "--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2", "-XX:MaxVectorSize=32")); // the Vector API as on an AVX2-only CPU
        variants.add(List.of(java, "-XX:-UseSuperWord")); // no auto-vectorisation at all
        otherJdk(java).ifPresent(other -> variants.add(List.of(other, "--add-modules", "jdk.incubator.vector")));
        for (List<String> jvm : variants) {
            Path run = tmp.resolve("run-" + variants.indexOf(jvm));
            List<String> command = new ArrayList<>(jvm);
            command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(concat(TRAIN, "--max-steps", String.valueOf(SHORT_STEPS), "--out", run.toString())));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log-" + variants.indexOf(jvm)).toFile()).start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "a 50-step run in " + jvm + " ends");
            String log = Files.readString(tmp.resolve("log-" + variants.indexOf(jvm)), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), jvm + ": " + log);
            Map<String, String> got = digests(run);
            for (String checkpoint : new String[]{"checkpoints/step_000025.npz", "checkpoints/step_000050.npz"}) {
                assertEquals(expected.get(checkpoint), got.get(checkpoint), checkpoint + " computed in " + jvm);
            }
        }
    }

    /** Every checkpoint, the optimizer state and the metrics of a run folder, by name. */
    private static Map<String, String> digests(Path run) throws IOException {
        Map<String, String> d = new TreeMap<>();
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            files.sorted().forEach(f -> d.put("checkpoints/" + f.getFileName(), ResultDigest.of(f)));
        }
        d.put("state.npz", ResultDigest.of(run.resolve("state.npz")));
        d.put("metrics.csv", ResultDigest.of(run.resolve("metrics.csv")));
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> golden() throws IOException {
        JsonObject golden = new Gson().fromJson(Files.readString(Path.of(GOLDEN)), JsonObject.class);
        return new TreeMap<>(new Gson().fromJson(golden.get("digests"), Map.class));
    }

    /** A JDK of another version than this one's under /usr/lib/jvm, if any (Temurin 25 on these machines). */
    private static java.util.Optional<String> otherJdk(String current) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return java.util.Optional.empty();
        String mine = Path.of(current).toRealPath().getParent().getParent().toString();
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.map(d -> d.resolve("bin/java")).filter(Files::isExecutable)
                    .filter(j -> {
                        try {
                            return !j.toRealPath().getParent().getParent().toString().equals(mine)
                                    && !j.toRealPath().toString().contains("-17-") && !j.toRealPath().toString().contains("1.17.");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .map(Path::toString).sorted().findFirst();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
