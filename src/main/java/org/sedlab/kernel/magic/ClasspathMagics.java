package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.sedlab.kernel.SedlabKernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code %jars <glob>...} adds jar files; {@code %classpath <path>...} adds jars or class folders. */
public final class ClasspathMagics {

    private ClasspathMagics() {
    }

    public static void register(MagicsRegistry registry) {
        registry.registerLineMagic("jars", (SedlabKernel kernel, List<String> args) -> {
            addAll(kernel, "jars", args, true);
            return null;
        });
        registry.registerLineMagic("classpath", (SedlabKernel kernel, List<String> args) -> {
            addAll(kernel, "classpath", args, false);
            return null;
        });
    }

    private static void addAll(SedlabKernel kernel, String magic, List<String> args, boolean jarsOnly) {
        if (args.isEmpty()) {
            throw new MagicException("%" + magic + " needs at least one path or glob, e.g. %" + magic + " lib/*.jar");
        }
        List<Path> paths = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(File.pathSeparator)) {
                List<Path> matched = matches(entry);
                if (matched.isEmpty()) {
                    throw new MagicException("%" + magic + ": nothing matches '" + entry + "' (relative to "
                            + Path.of("").toAbsolutePath() + ")");
                }
                for (Path p : matched) {
                    if (jarsOnly && !(Files.isRegularFile(p) && p.toString().endsWith(".jar"))) {
                        throw new MagicException("%jars: '" + p + "' is not a .jar file; use %classpath for folders");
                    }
                    paths.add(p.toAbsolutePath());
                }
            }
        }
        kernel.addToClasspath(paths);
    }

    /** Paths a glob matches; none when a folder on its way does not exist. */
    private static List<Path> matches(String glob) {
        try {
            return PathsHandler.resolveGlobs(glob);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
