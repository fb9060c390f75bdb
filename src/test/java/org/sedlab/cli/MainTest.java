package org.sedlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line ends with one clear line on stderr and exit code 2. */
class MainTest {
    @TempDir Path tmp;

    @Test
    void badArgumentsGiveOneLineErrorsNotStackTraces() {
        assertError("unknown op 'div'", "train", "--op", "div", "--out", tmp.resolve("a").toString());
        assertError("must be prime, got 91", "train", "--op", "add", "--p", "91", "--out", tmp.resolve("b").toString());
        assertError("batch size must be positive, got 0", "train", "--op", "add", "--batch", "0", "--out", tmp.resolve("c").toString());
        assertError("precision must be float32 or float64", "train", "--op", "add", "--precision", "half", "--out", tmp.resolve("d").toString());
    }

    private static void assertError(String fragment, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("sedlab: error: ") && text.contains(fragment), text);
        assertTrue(!text.contains("\tat "), "no stack trace: " + text);
    }
}
