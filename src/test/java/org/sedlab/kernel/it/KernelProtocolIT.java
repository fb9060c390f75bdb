package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

/**
 * The kernel through the real protocol (jupyter_client): Run All stopping at an error, System.exit in a
 * cell, a reply for every request type (src/test/python/kernel/protocol_checks.py says what is checked),
 * and Jupyter's kernel conformance suite (src/test/python/kernel/conformance.py).
 */
class KernelProtocolIT {

    @Test
    void kernelAnswersTheMessagingProtocolAsIPythonDoes() throws Exception {
        JupyterEnvironment.runCheck(600, "/usr/bin/python3", "src/test/python/kernel/protocol_checks.py");
    }

    @Test
    void kernelPassesJupytersConformanceSuite() throws Exception {
        JupyterEnvironment.requirePythonModule("jupyter_kernel_test", "python3-jupyter-kernel-test");
        JupyterEnvironment.runCheck(600, "/usr/bin/python3", "src/test/python/kernel/conformance.py");
    }
}
