package org.sedlab.kernel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/** Compiles a one-class library and packs it as a jar, as a user's jar for %jars / %maven tests. */
public final class TestJars {

    private TestJars() {
    }

    /** A jar with class {@code <pkg>.Greeter} whose {@code hello()} returns {@code greeting}. */
    public static Path greeterJar(Path dir, String pkg, String greeting) throws IOException {
        Path classes = dir.resolve("greeter-classes");
        Path source = dir.resolve("greeter-src/" + pkg.replace('.', '/') + "/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, "package " + pkg + "; public class Greeter { public String hello() { return \""
                + greeting + "\"; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, "-d", classes.toString(), source.toString()) != 0) {
            throw new IllegalStateException("could not compile the test library");
        }
        Path jar = dir.resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }
}
