package org.sedlab.kernel.exec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Lines of a readable traceback for an exception thrown by notebook code: the user's frames, with
 * JShell's generated class names turned into snippet numbers, and none of the kernel's own frames.
 */
public final class TracebackFormatter {

    private static final String SNIPPET_CLASS_PREFIX = "REPL.$JShell$";

    private TracebackFormatter() {
    }

    public static List<String> format(Throwable error) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        String heading = "";
        while (current != null && seen.add(current)) {
            lines.add(heading + userName(current.getClass().getName())
                    + (current.getMessage() == null ? "" : ": " + current.getMessage()));
            for (StackTraceElement frame : userFrames(current.getStackTrace())) {
                lines.add("    at " + describe(frame));
            }
            current = current.getCause();
            heading = "Caused by: ";
        }
        return lines;
    }

    /** A class name as the user wrote it: {@code REPL.$JShell$12$Oops} becomes {@code Oops}. */
    public static String userName(String className) {
        if (!className.startsWith(SNIPPET_CLASS_PREFIX)) {
            return className;
        }
        int nested = className.indexOf('$', SNIPPET_CLASS_PREFIX.length());
        return nested < 0 ? className : className.substring(nested + 1).replace('$', '.');
    }

    /** Frames up to the last one in a cell's snippet; below that is the kernel calling the cell. */
    private static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(SNIPPET_CLASS_PREFIX)) {
                last = i;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            kept.add(frames[i]);
        }
        return last < 0 ? List.of(frames) : kept;
    }

    private static String describe(StackTraceElement frame) {
        String className = frame.getClassName();
        if (!className.startsWith(SNIPPET_CLASS_PREFIX)) {
            return frame.toString();
        }
        String snippet = className.substring(SNIPPET_CLASS_PREFIX.length()).split("\\$")[0];
        String owner = userName(className);
        String method = frame.getMethodName().equals("do_it$") ? "cell code" : frame.getMethodName();
        String where = owner.startsWith("REPL.") ? method : owner + "." + method;
        return where + " (snippet " + snippet + ", line " + frame.getLineNumber() + ")";
    }
}
