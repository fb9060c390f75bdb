package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notebook written for IJava runs unchanged (src/test/resources/ijava/ijava-style.ipynb): %load without
 * an extension, the IJAVA_* variables, IJava's default imports, getKernelInstance(), %time and %lsmagic.
 */
class IJavaNotebookIT {

    private static final Path SOURCE = JupyterEnvironment.ROOT.resolve("src/test/resources/ijava");
    private static final Path OUT = JupyterEnvironment.ROOT.resolve("target/ijava-notebook");

    @Test
    void anIJavaNotebookRunsWithIJavasVariables() throws Exception {
        Map<String, String> env = new HashMap<>(JupyterEnvironment.require());
        Path jar;
        try (Stream<Path> lib = Files.list(JupyterEnvironment.ROOT.resolve("target/lib"))) {
            // a library the notebook's class path lacks (the kernel keeps its own copy relocated)
            jar = lib.filter(p -> p.getFileName().toString().matches("asm-[0-9.]+\\.jar")).findFirst().orElseThrow();
        }
        env.put("IJAVA_CLASSPATH", jar.toString());
        env.put("IJAVA_STARTUP_SCRIPTS_PATH", SOURCE.resolve("startup") + "/*.jshell");
        env.put("IJAVA_STARTUP_SCRIPT", "String fromStartupScript = \"script\";");
        env.put("IJAVA_TIMEOUT", "3 SECONDS");
        env.put("IJAVA_COMPILER_OPTS", "-parameters");
        env.put("JJAVA_JVM_OPTS", "-Dijava.style=yes");
        JupyterEnvironment.Result run = JupyterEnvironment.run(List.of("/usr/bin/jupyter", "nbconvert", "--to", "notebook",
                "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=" + env.get(JupyterEnvironment.KERNEL_NAME),
                "--output-dir", OUT.toString(), SOURCE.resolve("ijava-style.ipynb").toString()), env, 600);
        assertEquals(0, run.exitCode, run.output);
        List<String> problems = NotebooksIT.check("ijava-style", OUT.resolve("ijava-style.ipynb"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
