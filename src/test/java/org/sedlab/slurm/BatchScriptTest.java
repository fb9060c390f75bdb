package org.sedlab.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchScriptTest {
    private static final Path FOLDER = Path.of("/shared/runs/slurm/section4-1");

    @Test
    void directivesComeBeforeTheFirstCommandAndTheUnitIsTheLastArgument() {
        String text = new BatchScript("sedlab-section4", Path.of("/shared/sedlab"), FOLDER.resolve("units.txt"), FOLDER.resolve("logs"),
                new SlurmOptions("gpu", 4, "2:00:00"), "abc123", List.of("/usr/bin/java", "-cp", "/a b/*", "Main", "run-unit")).text();
        List<String> lines = text.lines().toList();
        int firstCommand = lines.indexOf("set -euo pipefail");
        for (int i = 0; i < firstCommand; i++) assertTrue(lines.get(i).startsWith("#"), lines.get(i));
        assertTrue(lines.contains("#SBATCH --partition=gpu"), text);
        assertTrue(lines.contains("#SBATCH --time=2:00:00"), text);
        assertTrue(lines.contains("#SBATCH --chdir=/shared/sedlab"), text);
        assertTrue(lines.contains("#SBATCH --output=/shared/runs/slurm/section4-1/logs/%A_%a.out"), text);
        assertTrue(text.endsWith("exec /usr/bin/java -cp '/a b/*' Main run-unit \"$unit\"\n"), text);
    }

    @Test
    void noPartitionOrTimeLeavesThemToTheCluster() {
        String text = new BatchScript("j", Path.of("/w"), FOLDER.resolve("units.txt"), FOLDER, new SlurmOptions(null, 1, null), "c",
                List.of("java")).text();
        assertTrue(!text.contains("--partition") && !text.contains("--time"), text);
    }

    @Test
    void quotesWhatTheShellWouldSplitOrExpand() {
        assertEquals("plain/path-1.jar", BatchScript.quote("plain/path-1.jar"));
        assertEquals("'it'\\''s $HOME'", BatchScript.quote("it's $HOME"));
    }

    @Test
    void badOptionsFailWithOneLineNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(null, 0, null)).getMessage().startsWith("--max-parallel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmOptions(null, 1, "2h")).getMessage().startsWith("--time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmOptions("a;b", 1, null)).getMessage().startsWith("--partition"));
        for (String t : List.of("90", "30:00", "4:00:00", "1-12", "1-12:30", "2-00:00:00", "UNLIMITED")) new SlurmOptions(null, 1, t);
    }
}
