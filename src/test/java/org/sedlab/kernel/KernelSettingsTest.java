package org.sedlab.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        KernelSettings settings = KernelSettings.fromEnvironment(Map.of());
        assertEquals(-1, settings.timeoutMillis);
        assertTrue(settings.compilerOptions.isEmpty());
        assertEquals("", settings.classpath);
    }

    @Test
    void ijavaNamesWork() {
        KernelSettings settings = KernelSettings.fromEnvironment(Map.of(
                "IJAVA_TIMEOUT", "5000",
                "IJAVA_CLASSPATH", "/a.jar",
                "IJAVA_COMPILER_OPTS", "  --enable-preview   -Xlint:all ",
                "IJAVA_STARTUP_SCRIPTS_PATH", "/s/*.jshell",
                "IJAVA_STARTUP_SCRIPT", "int x = 1;"));
        assertEquals(5000, settings.timeoutMillis);
        assertEquals("/a.jar", settings.classpath);
        assertEquals(List.of("--enable-preview", "-Xlint:all"), settings.compilerOptions);
        assertEquals("/s/*.jshell", settings.startupScriptsPath);
        assertEquals("int x = 1;", settings.startupScript);
    }

    @Test
    void jjavaNamesWinOverIjavaNames() {
        KernelSettings settings = KernelSettings.fromEnvironment(Map.of("IJAVA_TIMEOUT", "5000", "JJAVA_TIMEOUT", "7000"));
        assertEquals(7000, settings.timeoutMillis);
    }

    @Test
    void timeoutsAndJvmOptionsAsIJavaWritesThem() {
        assertEquals(30_000, KernelSettings.fromEnvironment(Map.of("IJAVA_TIMEOUT", "30 SECONDS")).timeoutMillis);
        assertEquals(120_000, KernelSettings.fromEnvironment(Map.of("JJAVA_TIMEOUT", " 2 minute ")).timeoutMillis);
        assertEquals(-1, KernelSettings.fromEnvironment(Map.of("IJAVA_TIMEOUT", "-1")).timeoutMillis);
        assertEquals(List.of("-Xmx2g", "-Dx=1"), KernelSettings.fromEnvironment(Map.of("IJAVA_JVM_OPTS", " -Xmx2g  -Dx=1")).jvmOptions);
        assertThrows(IllegalArgumentException.class, () -> KernelSettings.fromEnvironment(Map.of("IJAVA_TIMEOUT", "30 FORTNIGHTS")));
    }

    @Test
    void aBadTimeoutSaysWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSettings.fromEnvironment(Map.of("IJAVA_TIMEOUT", "soon")));
        assertTrue(e.getMessage().contains("soon"));
    }
}
