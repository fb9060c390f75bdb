package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.sedlab.kernel.SedlabKernel;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code %lsmagic} lists the magics; {@code %time code} and {@code %%time} run the code and print how long
 * it took, as in IPython. The code's value is shown as a cell's value would be.
 */
public final class KernelMagics {

    private KernelMagics() {
    }

    public static void register(MagicsRegistry registry) {
        registry.registerLineMagic("lsmagic", (SedlabKernel kernel, List<String> args) -> {
            System.out.println("Line magics: " + listed("%", registry.getLineMagicNames()));
            System.out.println("Cell magics: " + listed("%%", registry.getCellMagicNames()));
            return null;
        });
        registry.registerLineMagic("time", (SedlabKernel kernel, List<String> args) -> time(kernel, String.join(" ", args)));
        registry.registerCellMagic("time", (SedlabKernel kernel, List<String> args, String body) -> time(kernel, body));
    }

    private static String listed(String prefix, Set<String> names) {
        return new TreeSet<>(names).stream().map(name -> prefix + name).collect(Collectors.joining(" "));
    }

    private static Object time(SedlabKernel kernel, String code) {
        long start = System.nanoTime();
        try {
            Object value = kernel.evalRaw(code);
            if (value != null) {
                kernel.display(kernel.getRenderer().render(value));
            }
            return null;
        } finally {
            System.out.printf(Locale.ROOT, "Wall time: %.1f ms%n", (System.nanoTime() - start) / 1e6);
        }
    }
}
