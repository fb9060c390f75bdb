package org.sedlab.kernel;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ParentWatchTest {

    private static final long PARENT = ProcessHandle.current().parent().orElseThrow().pid();
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void watchesTheProcessJupyterNames() {
        assertEquals(SELF, ParentWatch.watched(Map.of("JPY_PARENT_PID", " " + SELF + "\n"), "Linux").orElseThrow().pid());
    }

    @Test
    void watchesTheParentWithoutAUsableName() {
        assertEquals(PARENT, ParentWatch.watched(Map.of(), "Linux").orElseThrow().pid());
        assertEquals(PARENT, ParentWatch.watched(Map.of("JPY_PARENT_PID", "handle"), "Linux").orElseThrow().pid());
        assertEquals(PARENT, ParentWatch.watched(Map.of("JPY_PARENT_PID", String.valueOf(SELF)), "Windows 11").orElseThrow().pid());
    }
}
