package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * java -jar sedlab-kernel.jar install / uninstall: through the jupyter on PATH (--user, into
 * JUPYTER_DATA_DIR here), into a --prefix, and into the standard user folder when no jupyter is on PATH.
 */
class KernelInstallIT {

    private static final String NAME = "sedlab-install-it";
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void installsForTheJupyterOnPathAndUninstalls() throws Exception {
        JupyterEnvironment.require();
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("JUPYTER_DATA_DIR", data.toString(), "PATH", "/usr/bin:/bin");
        installer(env, "install", "--user", "--jvm-opt", "-Dprobe=1");
        Path spec = data.resolve("kernels/" + NAME + "/kernel.json");
        String json = Files.readString(spec);
        assertTrue(json.contains(JAVA) && json.contains("-Dprobe=1") && json.contains("sedlab-kernel.jar"), json);
        JupyterEnvironment.Result listed = JupyterEnvironment.run(List.of("/usr/bin/jupyter", "kernelspec", "list"), env, 60);
        assertTrue(listed.output.contains(NAME), listed.output);
        installer(env, "uninstall", "--user");
        assertFalse(Files.exists(spec.getParent()));
    }

    @Test
    void installsIntoAPrefixAndWithoutJupyter() throws Exception {
        Path prefix = dir.resolve("env");
        installer(Map.of(), "install", "--prefix", prefix.toString());
        Path spec = prefix.resolve("share/jupyter/kernels/" + NAME + "/kernel.json");
        assertTrue(Files.isRegularFile(spec));
        installer(Map.of(), "uninstall", "--prefix", prefix.toString());
        assertFalse(Files.exists(spec.getParent()));

        Path data = dir.resolve("no-jupyter");
        Map<String, String> noJupyter = Map.of("JUPYTER_DATA_DIR", data.toString(), "PATH", dir.toString());
        installer(noJupyter, "install");
        assertTrue(Files.isRegularFile(data.resolve("kernels/" + NAME + "/kernel.json")));
        installer(noJupyter, "uninstall");
        assertFalse(Files.exists(data.resolve("kernels/" + NAME)));
    }

    private static void installer(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA, "-jar",
                JupyterEnvironment.ROOT.resolve("target/sedlab-kernel.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--name", NAME));
        JupyterEnvironment.Result result = JupyterEnvironment.run(command, env, 120);
        assertEquals(0, result.exitCode, result.output);
    }
}
