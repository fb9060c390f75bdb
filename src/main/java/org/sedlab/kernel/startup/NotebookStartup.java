package org.sedlab.kernel.startup;

import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a fresh notebook runs before the first cell: the imports listed in startup-imports.txt, an
 * import of every sedlab package present on the classpath, then the user's startup scripts.
 * Each import is tried on its own and skipped if its package is absent, so a missing optional
 * library or a still-empty sedlab package never breaks the kernel's start.
 */
public final class NotebookStartup {

    private static final Logger LOG = LoggerFactory.getLogger(NotebookStartup.class);
    private static final String SEDLAB_ROOT = "org/sedlab/";
    private static final String KERNEL_PACKAGE = "org.sedlab.kernel";

    private NotebookStartup() {
    }

    /** The import statements to try, in order. */
    public static List<String> imports(String classpath) throws IOException {
        List<String> imports = new ArrayList<>();
        try (InputStream listed = NotebookStartup.class.getResourceAsStream("startup-imports.txt")) {
            String text = new String(Objects.requireNonNull(listed, "startup-imports.txt").readAllBytes(), StandardCharsets.UTF_8);
            text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(imports::add);
        }
        for (String pkg : sedlabPackages(classpath)) {
            imports.add("import " + pkg + ".*;");
        }
        return imports;
    }

    /** Runs each import through {@code eval}, logging and skipping the ones that fail. */
    public static void runImports(List<String> imports, Consumer<String> eval) {
        for (String statement : imports) {
            try {
                eval.accept(statement);
            } catch (RuntimeException e) {
                LOG.info("Startup import skipped: {} ({})", statement, e.getMessage());
            }
        }
    }

    /** The text of every startup script matched by the globs in {@code scriptsPath}, in order. */
    public static List<String> scripts(String scriptsPath) throws IOException {
        List<String> scripts = new ArrayList<>();
        for (Path script : PathsHandler.splitAndResolveGlobs(scriptsPath)) {
            if (Files.isRegularFile(script)) {
                scripts.add(Files.readString(script, StandardCharsets.UTF_8));
            }
        }
        return scripts;
    }

    /** Packages under org.sedlab (other than the kernel's) with classes in sedlab's jar or class folder. */
    static TreeSet<String> sedlabPackages(String classpath) throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path.resolve(SEDLAB_ROOT))) {
                try (Stream<Path> files = Files.walk(path.resolve(SEDLAB_ROOT))) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> path.relativize(f.getParent()).toString().replace(File.separatorChar, '.'))
                            .forEach(packages::add);
                }
            } else if (path.getFileName() != null && path.getFileName().toString().matches("sedlab(-[\\w.]+)?\\.jar")
                    && !path.getFileName().toString().startsWith("sedlab-kernel") && Files.isRegularFile(path)) {
                try (ZipFile jar = new ZipFile(path.toFile())) {
                    Enumeration<? extends ZipEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(SEDLAB_ROOT) && name.endsWith(".class")) {
                            packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                        }
                    }
                }
            }
        }
        packages.removeIf(pkg -> pkg.equals(KERNEL_PACKAGE) || pkg.startsWith(KERNEL_PACKAGE + "."));
        return packages;
    }
}
