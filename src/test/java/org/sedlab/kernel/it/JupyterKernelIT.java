package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** jupyter_client drives the kernel as a front end would: execute, complete, inspect, interrupt, restart, shutdown. */
class JupyterKernelIT {

    @Test
    void kernelAnswersLikeAFrontEndExpects() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        JupyterEnvironment.Result result = JupyterEnvironment.run(
                List.of("/usr/bin/python3", "environment/drive_kernel.py", env.get(JupyterEnvironment.KERNEL_NAME)), env, 600);
        System.out.println(result.output);
        assertEquals(0, result.exitCode, result.output);
    }
}
