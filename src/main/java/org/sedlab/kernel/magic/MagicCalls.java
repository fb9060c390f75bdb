package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.Arrays;
import java.util.List;

/** What transpiled magics call from inside a cell: runs the named magic on the notebook's kernel. */
public final class MagicCalls {

    private MagicCalls() {
    }

    public static void line(String name, String... args) {
        run(name, () -> BaseKernel.notebookKernel().getMagicsRegistry()
                .evalLineMagic(BaseKernel.notebookKernel(), name, List.of(args)));
    }

    public static void cell(String name, String body, String... args) {
        run(name, () -> BaseKernel.notebookKernel().getMagicsRegistry()
                .evalCellMagic(BaseKernel.notebookKernel(), name, Arrays.asList(args), body));
    }

    private interface MagicRun {
        Object run() throws Exception;
    }

    private static void run(String name, MagicRun magic) {
        try {
            magic.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException("%" + name + " failed: " + e.getMessage());
        }
    }
}
