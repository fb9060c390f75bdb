package org.sedlab.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.sedlab.kernel.maven.MavenResolver;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts the kernel for the connection file Jupyter passes: {@code KernelMain <connection.json>}. */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp sedlab-kernel.jar:... org.sedlab.kernel.KernelMain <connection-file>");
            System.exit(2);
        }
        configureLogging();
        ParentWatch.exitWhenGone(System.getenv());
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        SedlabKernel kernel = new SedlabKernel(KernelSettings.fromEnvironment(System.getenv()), MavenResolver.fromSettings());
        kernel.onStartup();
        kernel.serve(connection);
        System.exit(0);
    }

    /**
     * Log to the stream that is stderr now, at kernel start: Jupyter's own log. Cells later swap
     * System.err for the notebook's stream, where library warnings do not belong.
     */
    private static void configureLogging() {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.cacheOutputStream", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("sedlab.kernel.logLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }
}
