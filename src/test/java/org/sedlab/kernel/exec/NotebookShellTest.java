package org.sedlab.kernel.exec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookShellTest {

    private static final long TIMEOUT_MILLIS = 2_000;

    private final NotebookShell shell = new NotebookShell(NotebookShellTest.class.getClassLoader(), List.of(), TIMEOUT_MILLIS);

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void lastExpressionReturnsTheRealObject() throws Exception {
        Object value = shell.eval("int x = 3;\nStringBuilder sb = new StringBuilder(\"ab\");\nsb.append(x)");
        assertInstanceOf(StringBuilder.class, value);
        assertEquals("ab3", value.toString());
        assertEquals(10, shell.eval("x + 7"));
    }

    @Test
    void declarationsAndSemicolonClosedCellsShowNoValue() throws Exception {
        assertSame(NotebookShell.NO_VALUE, shell.eval("int y = 5;"));
        assertSame(NotebookShell.NO_VALUE, shell.eval("y + 1;"));
        assertSame(NotebookShell.NO_VALUE, shell.eval("void hello() { }"));
        assertEquals(6, shell.eval("y + 1"));
    }

    @Test
    void classesDefinedInCellsLiveInTheNotebookClassLoader() throws Exception {
        Object value = shell.eval("record Point(int x, int y) { }\nnew Point(1, 2)");
        assertEquals("Point[x=1, y=2]", value.toString());
        assertSame(shell.classLoader(), value.getClass().getClassLoader());
    }

    @Test
    void compileErrorsDoNotNameTheSnippetsNamelessClass() {
        CompilationException error = assertThrows(CompilationException.class, () -> shell.eval("undefinedName + 1"));
        assertEquals("cannot find symbol\n  symbol:   variable undefinedName\n    undefinedName + 1\n    ^^^^^^^^^^^^^",
                error.getMessage());
    }

    @Test
    void compileErrorsNameTheProblemAndPointAtIt() {
        CompilationException error = assertThrows(CompilationException.class, () -> shell.eval("String s = 42;"));
        assertTrue(error.getMessage().contains("incompatible types"), error.getMessage());
        assertTrue(error.getMessage().contains("String s = 42;"), error.getMessage());
        assertTrue(error.getMessage().contains("^^"), error.getMessage());
    }

    @Test
    void exceptionsAreTheUsersOwnWithFramesOnCellLines() throws Exception {
        shell.eval("class Oops extends RuntimeException { Oops(String m) { super(m); } }");
        Exception error = assertThrows(Exception.class, () -> shell.eval("int a = 1;\n\nthrow new Oops(\"bad \" + a);"));
        assertEquals("Oops", TracebackFormatter.userName(error.getClass().getName()));
        assertEquals("bad 1", error.getMessage());
        List<String> traceback = TracebackFormatter.format(error, shell::locate);
        assertEquals("Oops: bad 1", traceback.get(0));
        assertTrue(traceback.contains("    at cell code (cell line 3)"), traceback.toString());
    }

    @Test
    void causesKeepTheirOwnFrames() {
        Exception error = assertThrows(Exception.class, () -> shell.eval(
                "try { Integer.parseInt(\"x\"); } catch (NumberFormatException e) { throw new IllegalStateException(\"wrapped\", e); }"));
        List<String> traceback = TracebackFormatter.format(error, shell::locate);
        assertEquals("java.lang.IllegalStateException: wrapped", traceback.get(0));
        assertTrue(traceback.stream().anyMatch(l -> l.startsWith("Caused by: java.lang.NumberFormatException")), traceback.toString());
    }

    @Test
    void errorsAreCarriedAsUncaughtError() {
        UncaughtError error = assertThrows(UncaughtError.class, () -> shell.eval("throw new AssertionError(\"no\");"));
        assertInstanceOf(AssertionError.class, error.getCause());
    }

    @Test
    void aBusyLoopTimesOutAndTheShellKeepsItsState() throws Exception {
        shell.eval("int kept = 21;");
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                assertThrows(CellTimeoutException.class, () -> shell.eval("long n = 0; while (true) { n++; }")));
        assertEquals(42, shell.eval("kept * 2"));
    }

    @Test
    void interruptStopsASleepingOrBusyCell() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(shell::interrupt, 300, TimeUnit.MILLISECONDS);
            assertThrows(CellInterruptedException.class, () -> shell.eval("Thread.sleep(60_000);"));
            timer.schedule(shell::interrupt, 300, TimeUnit.MILLISECONDS);
            assertThrows(CellInterruptedException.class, () -> shell.eval("while (true) { }"));
        } finally {
            timer.shutdownNow();
        }
        assertEquals(2, shell.eval("1 + 1"));
    }

    @Test
    void interruptStopsABusyLoopThatCatchesEverything() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(shell::interrupt, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertThrows(CellInterruptedException.class, () -> shell.eval(
                    "while (true) { try { while (true) { } } catch (Throwable t) { } }"));
            // within the grace period: the stop check ended it, not Thread.stop (which Java 20+ lack)
            assertTrue(System.nanoTime() - start < 1_500_000_000L);
        } finally {
            timer.shutdownNow();
        }
        assertEquals(2, shell.eval("1 + 1"));
    }

    @Test
    void systemExitIsRefusedHoweverItIsCalled() throws Exception {
        shell.eval("int kept = 7;");
        for (String exit : List.of("System.exit(3);", "Runtime.getRuntime().exit(3);", "Runtime.getRuntime().halt(3);",
                "java.util.function.IntConsumer e = System::exit; e.accept(3);",
                "java.util.function.IntConsumer e = Runtime.getRuntime()::halt; e.accept(3);",
                "void leave() { System.exit(3); }\nleave();")) {
            assertThrows(ExitRefusedException.class, () -> shell.eval(exit), exit);
        }
        assertEquals("refused", shell.eval("String[] seen = {\"\"};\n"
                + "Thread t = new Thread(() -> { try { System.exit(4); } catch (RuntimeException e) { seen[0] = \"refused\"; } });\n"
                + "t.start(); t.join(); seen[0]"));
        assertEquals(7, shell.eval("kept"));
    }

    @Test
    void interruptStopsTheRestOfTheCell() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            shell.eval("int after = 0;");
            timer.schedule(shell::interrupt, 300, TimeUnit.MILLISECONDS);
            assertThrows(CellInterruptedException.class, () -> shell.eval("Thread.sleep(60_000);\nafter = 1;"));
        } finally {
            timer.shutdownNow();
        }
        assertEquals(0, shell.eval("after"));
    }

    @Test
    void snippetsOfACellRunInOrderAndNested() throws Exception {
        assertEquals(List.of("a", "b"), shell.eval(
                "java.util.List<String> seen = new java.util.ArrayList<>();\nseen.add(\"a\");\nseen.add(\"b\");\nseen"));
        List<NotebookShell.CellSnippet> snippets = shell.splitSnippets("int a = 1;\n\nint b =\n  2;\na + b");
        assertEquals(List.of(1, 3, 5), snippets.stream().map(NotebookShell.CellSnippet::firstLine).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void completionSuggestsFromJShellsAnalysis() throws Exception {
        shell.eval("String greeting = \"hi\";");
        NotebookShell.Completion completion = shell.complete("int z = 1;\ngreeting.toUpp", 25);
        assertTrue(completion.options.contains("toUpperCase("), completion.options.toString());
        assertEquals(20, completion.start);
        assertTrue(shell.complete("Syst", 4).options.contains("System"));
    }

    @Test
    void completionKnowsVariablesDeclaredEarlierInTheSameCell() {
        String cell = "String s = \"abc\"; s.toUpper";
        NotebookShell.Completion completion = shell.complete(cell, cell.length());
        assertTrue(completion.options.contains("toUpperCase("), completion.options.toString());
        assertEquals(cell.indexOf("toUpper"), completion.start);
        String lines = "int n = 3;\nString t = \"x\".repeat(n);\nt.isBl";
        assertTrue(shell.complete(lines, lines.length()).options.contains("isBlank()"));
    }

    @Test
    void inspectionShowsSignatures() {
        assertTrue(shell.inspect("Math.max(1, 2)", 6).contains("max(int"), shell.inspect("Math.max(1, 2)", 6));
        assertTrue(shell.inspect("Math.max", 8).contains("max(int"), shell.inspect("Math.max", 8));
    }

    @Test
    void completenessTellsWhetherMoreInputIsNeeded() {
        assertEquals(jdk.jshell.SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE, shell.completeness("for (int i = 0; i < 3; i++) {"));
        assertTrue(shell.completeness("int a = 1;\nint b = 2;").isComplete());
    }
}
