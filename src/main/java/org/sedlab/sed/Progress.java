package org.sedlab.sed;

import java.io.PrintStream;

/** Reports progress of long loops: a line at most every few seconds, and at the end of each loop. */
public final class Progress {
    public static final Progress SILENT = new Progress(null);
    private final PrintStream out;
    private long lastPrint;

    public Progress(PrintStream out) { this.out = out; }

    public void tick(String what, int done, int total) {
        if (out == null) return;
        long now = System.nanoTime();
        if (done == total || now - lastPrint > 5_000_000_000L) {
            out.printf("%s: %d/%d%n", what, done, total);
            lastPrint = now;
        }
    }

    public void say(String line) {
        if (out != null) out.println(line);
    }
}
