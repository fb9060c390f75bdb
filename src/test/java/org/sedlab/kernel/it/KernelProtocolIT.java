package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernel through the real protocol (jupyter_client): Run All stopping at an error, System.exit in a
 * cell, a reply for every request type (src/test/python/kernel/protocol_checks.py says what is checked),
 * and Jupyter's kernel conformance suite (src/test/python/kernel/conformance.py).
 */
class KernelProtocolIT {

    @Test
    void kernelAnswersTheMessagingProtocolAsIPythonDoes() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        JupyterEnvironment.Result result = JupyterEnvironment.run(
                List.of("/usr/bin/python3", "src/test/python/kernel/protocol_checks.py", env.get(JupyterEnvironment.KERNEL_NAME)), env, 600);
        System.out.println(result.output);
        assertEquals(0, result.exitCode, result.output);
    }

    @Test
    void kernelPassesJupytersConformanceSuite() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        JupyterEnvironment.requirePythonModule("jupyter_kernel_test", "python3-jupyter-kernel-test");
        JupyterEnvironment.Result result = JupyterEnvironment.run(
                List.of("/usr/bin/python3", "src/test/python/kernel/conformance.py"), env, 600);
        System.out.println(result.output);
        assertEquals(0, result.exitCode, result.output);
    }
}
