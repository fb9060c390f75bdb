package org.sedlab.kernel.install;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelInstallerTest {

    @Test
    void readsTheCommandLine() {
        KernelInstaller.Request request = KernelInstaller.Request.parse(List.of("install", "--prefix", "/opt/env",
                "--name", "java-big", "--jvm-opt", "-Xmx4g", "--jvm-opt", "-Dx=1"));
        assertTrue(request.install);
        assertEquals(KernelInstaller.Scope.PREFIX, request.scope);
        assertEquals(Path.of("/opt/env"), request.prefix);
        assertEquals("java-big", request.name);
        assertEquals(List.of("-Xmx4g", "-Dx=1"), request.jvmOptions);
        assertEquals(KernelInstaller.Scope.USER, KernelInstaller.Request.parse(List.of("uninstall")).scope);
        assertThrows(IllegalArgumentException.class, () -> KernelInstaller.Request.parse(List.of("install", "--global")));
        assertThrows(IllegalArgumentException.class, () -> KernelInstaller.Request.parse(List.of("install", "--name", "a b")));
        assertThrows(IllegalArgumentException.class, () -> KernelInstaller.Request.parse(List.of("install", "--prefix")));
    }

    @Test
    void theSpecRunsThisJdkWithItsOptionsThenTheUsers() {
        KernelInstaller.Request request = KernelInstaller.Request.parse(List.of("install", "--jvm-opt", "-Xmx4g"));
        JsonObject spec = JsonParser.parseString(KernelInstaller.spec(request, List.of(Path.of("/k/sedlab-kernel.jar"),
                Path.of("/k/lib/a.jar")))).getAsJsonObject();
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(e -> argv.add(e.getAsString()));
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0));
        assertTrue(argv.containsAll(KernelInstaller.jdkOptions(Runtime.version().feature())), argv.toString());
        assertTrue(argv.indexOf("-Xmx4g") > argv.indexOf("-Xmx1g"), "the user's heap comes later and wins");
        assertEquals(List.of("-cp", "/k/sedlab-kernel.jar:/k/lib/a.jar", "org.sedlab.kernel.KernelMain", "{connection_file}"),
                argv.subList(argv.size() - 4, argv.size()));
        assertEquals("Java (sedlab)", spec.get("display_name").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
    }

    @Test
    void onlyJdk23AndLaterGetTheUnsafeOption() {
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), KernelInstaller.jdkOptions(17));
        assertTrue(KernelInstaller.jdkOptions(25).contains("--sun-misc-unsafe-memory-access=allow"));
    }

    @Test
    void userDataFolderAsJupyterComputesIt() {
        Path home = Path.of("/home/ada");
        assertEquals(Path.of("/home/ada/.local/share/jupyter"), KernelInstaller.userDataFolder("Linux", Map.of(), home));
        assertEquals(Path.of("/x/jupyter"), KernelInstaller.userDataFolder("Linux", Map.of("XDG_DATA_HOME", "/x"), home));
        assertEquals(Path.of("/home/ada/Library/Jupyter"), KernelInstaller.userDataFolder("Mac OS X", Map.of(), home));
        assertEquals(Path.of("/appdata/jupyter"), KernelInstaller.userDataFolder("Windows 11", Map.of("APPDATA", "/appdata"), home));
        assertEquals(Path.of("/d"), KernelInstaller.userDataFolder("Linux", Map.of("JUPYTER_DATA_DIR", "/d"), home));
    }
}
