package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

/**
 * The classic Notebook UI in headless Chromium (src/test/js/notebook-ui-check.sh): a newly inserted cell is
 * highlighted as Java, and Run All stops at the failing cell; screenshot in target/screenshots/.
 */
class NotebookUiIT {

    @Test
    void runAllStopsAtTheFailingCellAndNewCellsAreHighlighted() throws Exception {
        JupyterEnvironment.runCheck(900, "bash", "src/test/js/notebook-ui-check.sh");
    }
}
