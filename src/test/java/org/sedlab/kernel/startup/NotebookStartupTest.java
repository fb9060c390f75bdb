package org.sedlab.kernel.startup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookStartupTest {

    @Test
    void sedlabPackagesAreFoundInClassFoldersAndTheSedlabJarButNotTheKernels(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        for (String cls : List.of("org/sedlab/data/A.class", "org/sedlab/kernel/K.class", "org/sedlab/kernel/exec/E.class")) {
            Files.createDirectories(classes.resolve(cls).getParent());
            Files.write(classes.resolve(cls), new byte[0]);
        }
        Files.createDirectories(classes.resolve("org/sedlab/empty"));
        Path jar = dir.resolve("sedlab.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("org/sedlab/model/M.class"));
            out.closeEntry();
        }
        String classpath = classes + File.pathSeparator + jar + File.pathSeparator + dir.resolve("missing.jar");
        assertEquals(List.of("org.sedlab.data", "org.sedlab.model"), new ArrayList<>(NotebookStartup.sedlabPackages(classpath)));
    }

    @Test
    void importsListTheResourceFileThenSedlabPackages(@TempDir Path dir) throws IOException {
        Path classes = dir.resolve("classes/org/sedlab/train");
        Files.createDirectories(classes);
        Files.write(classes.resolve("T.class"), new byte[0]);
        List<String> imports = NotebookStartup.imports(dir.resolve("classes").toString());
        assertTrue(imports.contains("import org.knowm.xchart.*;"));
        assertEquals("import org.sedlab.train.*;", imports.get(imports.size() - 1));
        assertTrue(imports.stream().noneMatch(i -> i.startsWith("#")));
    }

    @Test
    void aFailingImportIsSkippedAndTheRestStillRun() {
        List<String> ran = new ArrayList<>();
        NotebookStartup.runImports(List.of("import a.*;", "import missing.*;", "import b.*;"), statement -> {
            if (statement.contains("missing")) {
                throw new IllegalStateException("package missing does not exist");
            }
            ran.add(statement);
        });
        assertEquals(List.of("import a.*;", "import b.*;"), ran);
    }

    @Test
    void startupScriptsAreReadInGlobOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.jshell"), "int a = 1;");
        Files.writeString(dir.resolve("b.jshell"), "int b = 2;");
        assertEquals(List.of("int a = 1;", "int b = 2;"), NotebookStartup.scripts(dir + "/*.jshell"));
    }
}
