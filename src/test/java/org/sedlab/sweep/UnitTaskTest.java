package org.sedlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.io.FileClaim;
import org.sedlab.train.RunConfig;

/** One unit run as an array task would run it, with bash scripts standing in for sedlab commands. */
class UnitTaskTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private UnitTask task() {
        return new UnitTask(new SweepLogs(dir.resolve("logs")), args -> List.of("bash", "-c", args.get(0)),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private SweepUnit unit(String id, List<String> needs) {
        Path made = dir.resolve("runs").resolve(id.replace('/', '-') + ".txt");
        String script = "set -e; mkdir -p " + made.getParent() + "; echo " + id + " >> " + dir.resolve("ran.txt") + "; echo made > " + made;
        return new SweepUnit(id, needs, List.of(script), dir.resolve("data").resolve(id), List.of(made));
    }

    @Test
    void publishesTheUnitLikeALocalSweepAndSkipsItWhenDone() throws Exception {
        SweepUnit train = unit("train/a", List.of());
        assertTrue(task().run(train, Map.of(train.id(), train)), console.toString());
        assertTrue(train.isDone());
        assertTrue(Files.isRegularFile(train.output().resolve("train-a.txt")));
        assertTrue(Files.readString(train.output().resolve(SweepUnit.RECORD)).contains("\"wall_seconds\""));

        assertTrue(task().run(train, Map.of(train.id(), train)));
        assertEquals(1, Files.readAllLines(dir.resolve("ran.txt")).size(), "ran once");
        assertTrue(console.toString().contains("train/a is done already"), console.toString());
    }

    @Test
    void failsAtOnceNamingAnInputThatNobodyComputes() throws Exception {
        SweepUnit train = unit("train/a", List.of());
        SweepUnit sed = unit("sed/a", List.of(train.id()));
        assertFalse(task().run(sed, Map.of(train.id(), train, sed.id(), sed)));
        assertFalse(Files.exists(dir.resolve("ran.txt")));
        assertTrue(console.toString().contains("not run sed/a: it needs train/a, which is not done and not running"), console.toString());
    }

    @Test
    void waitsForAnInputThatAnotherProcessComputes() throws Exception {
        SweepUnit train = unit("train/a", List.of());
        SweepUnit sed = unit("sed/a", List.of(train.id()));
        FileClaim elsewhere = FileClaim.tryTake(new SweepLogs(dir.resolve("logs")).claim(train.id())).orElseThrow();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return task().run(sed, Map.of(train.id(), train, sed.id(), sed));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        assertFalse(waiting.isDone(), "it waits while the input is claimed:\n" + console);
        // The other process finishes the input and releases its claim.
        UnitProcess other = UnitProcess.start(train, elsewhere, new SweepLogs(dir.resolve("logs")),
                args -> List.of("bash", "-c", args.get(0)), new PrintStream(console, true, StandardCharsets.UTF_8));
        other.waitFor();
        assertTrue(other.finish(new PrintStream(console, true, StandardCharsets.UTF_8)));
        assertTrue(waiting.get(), console.toString());
        assertEquals(List.of("train/a", "sed/a"), Files.readAllLines(dir.resolve("ran.txt")));
    }

    @Test
    void trainsADoneInputAgainWhenItsRunIsNotOnThisMachine() throws Exception {
        Path made = dir.resolve("runs/train-a.txt");
        SweepUnit train = new SweepUnit("train/a", List.of(), List.of("set -e; mkdir -p " + made.getParent() + "; echo train/a >> "
                + dir.resolve("ran.txt") + "; echo trained > " + made), dir.resolve("data/train/a"), List.of(made), RunConfig.forTask("add").build());
        SweepUnit sed = unit("sed/a", List.of(train.id()));
        assertTrue(task().run(train, Map.of(train.id(), train)), console.toString());
        Files.delete(made); // another node: the committed results, not the run
        assertTrue(task().run(sed, Map.of(train.id(), train, sed.id(), sed)), console.toString());
        assertEquals(List.of("train/a", "train/a", "sed/a"), Files.readAllLines(dir.resolve("ran.txt")));
        assertTrue(console.toString().contains("sweep: restored train/a"), console.toString());
    }
}
