package org.sedlab.kernel.exec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TracebackFormatterTest {

    @Test
    void snippetClassNamesBecomeTheUsersNames() {
        assertEquals("Oops", TracebackFormatter.userName("REPL.$JShell$12$Oops"));
        assertEquals("Outer.Inner", TracebackFormatter.userName("REPL.$JShell$3$Outer$Inner"));
        assertEquals("java.lang.IllegalStateException", TracebackFormatter.userName("java.lang.IllegalStateException"));
    }

    @Test
    void snippetFramesAreLocatedLibraryFramesKept() {
        RuntimeException error = new RuntimeException("boom");
        error.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 209),
            new StackTraceElement("", "helper", "#4", 2),
            new StackTraceElement("", "", "#7", 1),
        });
        List<String> lines = TracebackFormatter.format(error, (id, line) -> "snippet " + id + " line " + line);
        assertEquals(List.of("java.lang.RuntimeException: boom",
                "    at java.util.Objects.requireNonNull(Objects.java:209)",
                "    at helper (snippet 4 line 2)",
                "    at cell code (snippet 7 line 1)"), lines);
    }

    @Test
    void identicalFramesOfDeepRecursionAreFolded() {
        StackOverflowError error = new StackOverflowError();
        StackTraceElement[] frames = new StackTraceElement[1025];
        java.util.Arrays.fill(frames, new StackTraceElement("", "f", "#3", 1));
        frames[1024] = new StackTraceElement("", "", "#4", 2);
        error.setStackTrace(frames);
        List<String> lines = TracebackFormatter.format(error, (id, line) -> "snippet " + id + " line " + line);
        assertEquals(List.of("java.lang.StackOverflowError",
                "    at f (snippet 3 line 1)",
                "    ... 1,023 more identical frames",
                "    at cell code (snippet 4 line 2)"), lines);
    }

    @Test
    void multiLineMessagesBecomeLinesWithoutTrailingBlankOnes() {
        assertEquals(List.of("java.lang.RuntimeException: first", "second", "    at f"),
                TracebackFormatter.lines(List.of("java.lang.RuntimeException: first\nsecond", "    at f", "", "")));
        assertEquals(List.of("cannot find symbol", "    x"), TracebackFormatter.lines(List.of("cannot find symbol\n    x\n\n")));
    }
}
