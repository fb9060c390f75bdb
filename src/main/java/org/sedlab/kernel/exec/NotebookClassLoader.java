package org.sedlab.kernel.exec;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the classes JShell compiles from cells and the jars a user adds with %jars or %maven.
 * Parent-first: what the kernel's JVM already has (JDK, sedlab, its science libraries) wins, so objects
 * passed between notebook code and sedlab share one class; the kernel's own libraries are relocated and
 * left off the parent's path, so a user's version of those is the one found here.
 */
public final class NotebookClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> snippetClasses = new ConcurrentHashMap<>();

    public NotebookClassLoader(ClassLoader parent) {
        super("notebook", new URL[0], parent);
    }

    /** JShell hands over new bytecode for snippet classes before it asks for them by name. */
    void putSnippetClass(String name, byte[] bytecode) {
        snippetClasses.put(name, bytecode);
    }

    public void addJar(URL jar) {
        addURL(jar);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytecode = snippetClasses.get(name);
        if (bytecode != null) {
            return defineClass(name, bytecode, 0, bytecode.length);
        }
        return super.findClass(name);
    }
}
