package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The classic Notebook UI in headless Chromium (src/test/js/notebook-ui-check.sh): a newly inserted cell is
 * highlighted as Java, and Run All stops at the failing cell; screenshot in target/screenshots/.
 */
class NotebookUiIT {

    @Test
    void runAllStopsAtTheFailingCellAndNewCellsAreHighlighted() throws Exception {
        Map<String, String> env = JupyterEnvironment.require();
        JupyterEnvironment.Result result = JupyterEnvironment.run(
                List.of("bash", "src/test/js/notebook-ui-check.sh"), env, 900);
        System.out.println(result.output);
        assertEquals(0, result.exitCode, result.output);
    }
}
