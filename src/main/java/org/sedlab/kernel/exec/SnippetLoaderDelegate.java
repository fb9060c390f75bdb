package org.sedlab.kernel.exec;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.net.MalformedURLException;
import java.nio.file.Path;

/** Connects JShell's class loading requests to the notebook's class loader, through SnippetGuard's rewriting. */
final class SnippetLoaderDelegate implements LoaderDelegate {

    private final NotebookClassLoader loader;

    SnippetLoaderDelegate(NotebookClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.putSnippetClass(c.name(), SnippetGuard.instrument(c.name(), c.bytecodes()));
        }
        try {
            for (int i = 0; i < classes.length; i++) {
                // Defining eagerly reports bad bytecode here rather than on first use.
                loader.loadClass(classes[i].name());
                installed[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("Could not load snippet class: " + e.getMessage(), installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.putSnippetClass(c.name(), SnippetGuard.instrument(c.name(), c.bytecodes()));
        }
    }

    @Override
    public void addToClasspath(String classpath) throws InternalException {
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addJar(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("Bad classpath entry " + entry + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }
}
