package org.sedlab.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs an action while lines that start with a given prefix are dropped from {@code System.out};
 * every other line passes through unchanged. For libraries that print progress chatter with
 * {@code System.out.println} where no logger can silence it.
 */
public final class FilteredStdout {
    private FilteredStdout() {}

    public static synchronized void dropLinesStartingWith(String prefix, Runnable action) {
        PrintStream original = System.out;
        LineFilter filter = new LineFilter(original, prefix);
        System.setOut(new PrintStream(filter, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
            filter.flushPartialLine();
        }
    }

    /** Buffers one line at a time and forwards it unless it starts with the prefix. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final byte[] prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target, String prefix) {
            this.target = target;
            this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') flushPartialLine();
        }

        void flushPartialLine() {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (!startsWithPrefix(bytes)) target.write(bytes, 0, bytes.length);
        }

        private boolean startsWithPrefix(byte[] bytes) {
            if (bytes.length < prefix.length) return false;
            for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
            return true;
        }
    }
}
