package org.sedlab.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MagicCallTranspilerTest {

    @Test
    void literalsEscapeWhatJavaNeeds() {
        assertEquals("\"plain\"", MagicCallTranspiler.javaLiteral("plain"));
        assertEquals("\"a\\\"b\\\\c\\u000a\\u00e9\"", MagicCallTranspiler.javaLiteral("a\"b\\c\né"));
    }
}
