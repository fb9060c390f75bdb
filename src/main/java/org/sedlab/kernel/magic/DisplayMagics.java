package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.sedlab.kernel.SedlabKernel;

import java.util.List;

/** {@code %%html} and {@code %%markdown} show the cell's body as HTML or Markdown. */
public final class DisplayMagics {

    private DisplayMagics() {
    }

    public static void register(MagicsRegistry registry) {
        registry.registerCellMagic("html", (SedlabKernel kernel, List<String> args, String body) -> {
            DisplayData data = new DisplayData(body);
            data.putHTML(body);
            kernel.display(data);
            return null;
        });
        registry.registerCellMagic("markdown", (SedlabKernel kernel, List<String> args, String body) -> {
            DisplayData data = new DisplayData(body);
            data.putMarkdown(body);
            kernel.display(data);
            return null;
        });
    }
}
