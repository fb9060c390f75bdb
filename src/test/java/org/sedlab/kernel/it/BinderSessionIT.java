package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

/**
 * The Notebook server started with Binder's own command line (base URL, token, default URL, and the
 * ServerApp duplicates), used only through that base URL: it lists the notebooks, starts the sedlab
 * kernel and runs a cell over the websocket (environment/binder_session.py).
 */
class BinderSessionIT {

    @Test
    void theServerBinderStartsServesTheNotebooksAndTheKernel() throws Exception {
        JupyterEnvironment.runCheck(300, "/usr/bin/python3", "environment/binder_session.py");
    }
}
