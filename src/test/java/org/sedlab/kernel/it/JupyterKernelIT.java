package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

/** jupyter_client drives the kernel as a front end would: execute, complete, inspect, interrupt, restart, shutdown. */
class JupyterKernelIT {

    @Test
    void kernelAnswersLikeAFrontEndExpects() throws Exception {
        JupyterEnvironment.runCheck(600, "/usr/bin/python3", "environment/drive_kernel.py");
    }
}
