package org.sedlab.kernel;

import org.junit.jupiter.api.Test;
import org.sedlab.kernel.maven.MavenResolver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SedlabKernelStartupTest {

    @Test
    void aBrokenStartupScriptIsReportedInTheFirstCellAndTheKernelStillWorks() {
        SedlabKernel kernel = new SedlabKernel(KernelSettings.fromEnvironment(Map.of("IJAVA_STARTUP_SCRIPT", "int broken = ;")),
                MavenResolver.fromSettings());
        kernel.onStartup();
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(2, kernel.evalRaw("1 + 1"));
            assertEquals(3, kernel.evalRaw("1 + 2"));
        } finally {
            System.setErr(stderr);
            kernel.onShutdown(false);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("The kernel's startup scripts failed:") && report.contains("illegal start of expression"), report);
        assertEquals(1, report.split("startup scripts failed").length - 1, "reported once");
    }
}
