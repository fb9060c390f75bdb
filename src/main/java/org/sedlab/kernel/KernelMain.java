package org.sedlab.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.sedlab.kernel.install.KernelInstaller;
import org.sedlab.kernel.maven.MavenResolver;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the kernel for the connection file Jupyter passes: {@code KernelMain <connection.json>}; or, as
 * {@code java -jar sedlab-kernel.jar install|uninstall ...}, installs its kernel spec (KernelInstaller).
 */
public final class KernelMain {

    /** Set in the JVM started with the user's JVM options, which must not start another. */
    private static final String WITH_JVM_OPTIONS = "sedlab.kernel.withJvmOptions";

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("install") || args[0].equals("uninstall"))) {
            KernelInstaller.main(args);
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp sedlab-kernel.jar:... org.sedlab.kernel.KernelMain <connection-file>\n"
                    + "   or: java -jar sedlab-kernel.jar install|uninstall [options] (--help lists them)");
            System.exit(2);
        }
        configureLogging();
        ParentWatch.exitWhenGone(System.getenv());
        KernelSettings settings = KernelSettings.fromEnvironment(System.getenv());
        if (!settings.jvmOptions.isEmpty() && !Boolean.getBoolean(WITH_JVM_OPTIONS)) {
            System.exit(runWithJvmOptions(args[0], settings.jvmOptions));
        }
        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        SedlabKernel kernel = new SedlabKernel(settings, MavenResolver.fromSettings());
        kernel.onStartup();
        kernel.serve(connection);
        System.exit(0);
    }

    /**
     * Runs the kernel in a JVM started with IJAVA_JVM_OPTS / JJAVA_JVM_OPTS (cells run in the kernel's own
     * JVM, so its options are theirs) and returns its exit code. That JVM watches this one as its client.
     */
    private static int runWithJvmOptions(String connectionFile, List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // java.home, not /proc/self/exe: a JDK upgraded while this JVM runs leaves that link at "java (deleted)"
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(jvmOptions);
        command.addAll(List.of("-D" + WITH_JVM_OPTIONS + "=true", "-cp", System.getProperty("java.class.path"),
                KernelMain.class.getName(), connectionFile));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("JPY_PARENT_PID", String.valueOf(ProcessHandle.current().pid()));
        Process kernel = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(kernel::destroy));
        return kernel.waitFor();
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
