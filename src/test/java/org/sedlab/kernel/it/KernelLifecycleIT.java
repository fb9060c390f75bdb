package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel dies with its client: SIGKILL the Jupyter client that started it, and the kernel exits too. */
class KernelLifecycleIT {

    @Test
    void kernelExitsWhenItsClientIsKilled() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "src/test/python/kernel/waiting_client.py")
                .directory(JupyterEnvironment.ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process client = builder.start();
        ProcessHandle kernel = null;
        StringBuilder said = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.append(line).append('\n');
                if (line.startsWith("kernel ")) {
                    kernel = ProcessHandle.of(Long.parseLong(line.substring("kernel ".length()).trim())).orElseThrow();
                    break;
                }
            }
            assertNotNull(kernel, "the client started no kernel:\n" + said);
            assertTrue(kernel.isAlive());
            client.destroyForcibly(); // SIGKILL: the client cannot shut its kernel down
            client.waitFor();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (kernel.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            boolean survived = kernel.isAlive();
            Optional<String> command = kernel.info().commandLine();
            kernel.destroyForcibly();
            assertFalse(survived, "the kernel outlived its client by 30 s: " + command.orElse("?"));
        } finally {
            client.destroyForcibly();
        }
    }
}
