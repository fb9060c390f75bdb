package org.sedlab.kernel.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Lines of a readable traceback for an exception thrown by notebook code: each exception of the
 * cause chain with the class name the user wrote, and frames in cell code pointing at cell lines.
 */
public final class TracebackFormatter {

    private static final String SNIPPET_CLASS_PREFIX = "REPL.$JShell$";

    private TracebackFormatter() {
    }

    /**
     * @param locate where snippet frames are for the user, from (snippet id, line in snippet);
     *               frames of snippets carry file name "#id" (see NotebookShell.locate)
     */
    public static List<String> format(Throwable error, BiFunction<String, Integer, String> locate) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        String heading = "";
        while (current != null && seen.add(current)) {
            lines.add(heading + userName(current.getClass().getName())
                    + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            addFrames(lines, current.getStackTrace(), locate);
            current = current.getCause();
            heading = "Caused by: ";
        }
        return lines;
    }

    /**
     * The traceback as Jupyter wants it, one line an entry: entries holding newlines (multi-line
     * messages) split, and trailing blank lines dropped (the Notebook UI already ends an error with one).
     */
    public static List<String> lines(List<String> traceback) {
        List<String> lines = new ArrayList<>();
        for (String entry : traceback) {
            lines.addAll(List.of(entry.split("\r?\n", -1)));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** One line a frame; a run of identical frames (deep recursion) is one line and a count. */
    private static void addFrames(List<String> lines, StackTraceElement[] frames, BiFunction<String, Integer, String> locate) {
        String previous = null;
        int repeats = 0;
        for (StackTraceElement frame : frames) {
            String line = "    at " + describe(frame, locate);
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            addRepeats(lines, repeats);
            lines.add(line);
            previous = line;
            repeats = 0;
        }
        addRepeats(lines, repeats);
    }

    private static void addRepeats(List<String> lines, int repeats) {
        if (repeats > 0) {
            lines.add(String.format(Locale.ROOT, "    ... %,d more identical frame%s", repeats, repeats == 1 ? "" : "s"));
        }
    }

    /** A class name as the user wrote it: {@code REPL.$JShell$12$Oops} becomes {@code Oops}. */
    public static String userName(String className) {
        if (!className.startsWith(SNIPPET_CLASS_PREFIX)) {
            return className;
        }
        int nested = className.indexOf('$', SNIPPET_CLASS_PREFIX.length());
        return nested < 0 ? className : className.substring(nested + 1).replace('$', '.');
    }

    private static String describe(StackTraceElement frame, BiFunction<String, Integer, String> locate) {
        String file = frame.getFileName();
        if (file == null || !file.startsWith("#")) {
            return frame.toString();
        }
        String owner = userName(frame.getClassName());
        String method = frame.getMethodName().isEmpty() ? "cell code" : frame.getMethodName();
        String where = owner.isEmpty() || owner.startsWith("REPL.") ? method : owner + "." + method;
        return where + " (" + locate.apply(file.substring(1), frame.getLineNumber()) + ")";
    }
}
