package org.sedlab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Set;

/**
 * Renders objects of a library class known by name only. Matching by name and calling the library
 * reflectively through the object's own class loader lets a rendering work for classes the kernel
 * cannot see: a version a user added with %maven or %jars, living in the notebook's class loader.
 */
interface ObjectRendering {

    /** A class or interface name; objects whose type hierarchy contains it are rendered here. */
    String className();

    /** MIME types this rendering can produce. */
    Set<String> supportedTypes();

    /** MIME types produced when the caller asks for none in particular. */
    Set<String> defaultTypes();

    /** Puts {@code value} rendered as each of {@code types} (all supported) into {@code out}. */
    void render(Object value, Set<String> types, DisplayData out) throws ReflectiveOperationException, java.io.IOException;
}
