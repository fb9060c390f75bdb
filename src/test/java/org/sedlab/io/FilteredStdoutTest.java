package org.sedlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FilteredStdoutTest {

    @Test
    void dropsOnlyLinesWithThePrefixAndRestoresStdout() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            FilteredStdout.dropLinesStartingWith("Added op", () -> {
                System.out.println("Added op matmul");
                System.out.println("kept: Added op in the middle");
                System.out.print("Added op without newline");
                System.out.println();
                System.out.print("partial line kept");
            });
            assertSame(capture, System.out);
        } finally {
            System.setOut(original);
        }
        assertEquals("kept: Added op in the middle\npartial line kept", captured.toString(StandardCharsets.UTF_8));
    }
}
