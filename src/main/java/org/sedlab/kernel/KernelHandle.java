package org.sedlab.kernel;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * The notebook's kernel, for cells that drive it (add to the class path, run code, call magics), under
 * JJava's name {@code kernel()} and IJava's {@code getKernelInstance()}; every notebook imports both.
 */
public final class KernelHandle {

    private KernelHandle() {
    }

    public static SedlabKernel kernel() {
        return (SedlabKernel) BaseKernel.notebookKernel();
    }

    public static SedlabKernel getKernelInstance() {
        return kernel();
    }
}
