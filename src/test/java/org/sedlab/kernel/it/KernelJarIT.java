package org.sedlab.kernel.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged kernel: its own libraries relocated, and kept off the notebook's class path. */
class KernelJarIT {

    private static final Path TARGET = JupyterEnvironment.ROOT.resolve("target");
    private static final List<String> KERNEL_ONLY = List.of("com/google/gson/", "org/zeromq/", "zmq/",
            "org/eclipse/aether/", "org/apache/maven/", "org/apache/http/", "org/codehaus/plexus/", "org/apache/commons/codec/",
            "org/objectweb/asm/");

    @Test
    void kernelLibrariesAreRelocatedInsideTheKernelJar() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("sedlab-kernel.jar").toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
            List<String> unrelocated = names.stream()
                    .filter(n -> n.endsWith(".class") && KERNEL_ONLY.stream().anyMatch(n::startsWith))
                    .collect(Collectors.toList());
            assertTrue(unrelocated.isEmpty(), "unrelocated: " + unrelocated.stream().limit(5).collect(Collectors.toList()));
            assertTrue(names.contains("org/sedlab/kernel/KernelMain.class"));
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org/sedlab/kernel/shaded/gson/")));
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org/sedlab/kernel/shaded/zeromq/")));
            assertFalse(names.stream().anyMatch(n -> n.endsWith(".class") && n.startsWith("org/sedlab/") && !n.startsWith("org/sedlab/kernel/")),
                    "science classes belong in sedlab.jar");
            assertTrue(jar.getManifest().getMainAttributes().getValue("Main-Class").equals("org.sedlab.kernel.KernelMain"));
        }
    }

    @Test
    void notebookClassPathHasTheScienceLibrariesButNotTheKernels() throws IOException {
        String classpath = Files.readString(TARGET.resolve("notebook.classpath"));
        for (String kernelOnly : List.of("jeromq", "jjava-jupyter", "maven-resolver", "httpclient", "plexus", "asm-")) {
            assertFalse(classpath.contains(kernelOnly), kernelOnly + " is on the notebook class path");
        }
        for (String science : List.of("xchart", "tablesaw-core", "nd4j-api")) {
            assertTrue(classpath.contains(science), science + " is missing from the notebook class path");
        }
        for (String entry : classpath.split(":")) {
            assertTrue(Files.isRegularFile(TARGET.resolve(entry)), entry + " does not exist");
        }
    }
}
