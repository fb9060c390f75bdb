package org.sedlab.kernel;

import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicArgsParseException;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.sedlab.kernel.display.NotebookRenderer;
import org.sedlab.kernel.exec.CellException;
import org.sedlab.kernel.exec.NotebookShell;
import org.sedlab.kernel.exec.TracebackFormatter;
import org.sedlab.kernel.exec.UncaughtError;
import org.sedlab.kernel.magic.ClasspathMagics;
import org.sedlab.kernel.magic.DisplayMagics;
import org.sedlab.kernel.magic.KernelMagics;
import org.sedlab.kernel.magic.LoadMagic;
import org.sedlab.kernel.magic.MagicCallTranspiler;
import org.sedlab.kernel.magic.MavenMagics;
import org.sedlab.kernel.maven.MavenResolver;
import org.sedlab.kernel.protocol.ProtocolKernel;
import org.sedlab.kernel.startup.NotebookStartup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The sedlab Jupyter kernel: Java cells run by JShell inside this JVM, IJava's magics and notebook
 * statics, and rich display of charts, tables and images.
 */
public final class SedlabKernel extends ProtocolKernel {

    private static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(SedlabKernel.class);

    private final NotebookShell shell;
    private final KernelSettings settings;
    private final CompletableFuture<Void> startup = new CompletableFuture<>();
    /** True on the startup thread and the snippet threads it starts: they must not wait for themselves. */
    private final InheritableThreadLocal<Boolean> inStartup = new InheritableThreadLocal<>();
    private volatile String startupFailure;

    public SedlabKernel(KernelSettings settings, MavenResolver resolver) {
        super("sedlab", VERSION, languageInfo(), new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                new NotebookRenderer(),
                // Line magics start a line with %name, cell magics start the cell with %%name.
                new MagicParser("^[ \\t]*%", "%%", new MagicCallTranspiler()),
                magics(resolver), plainStyler());
        this.settings = settings;
        // JShell compiles against this JVM's class path; --class-path here would hide later %jars from javac.
        this.shell = new NotebookShell(SedlabKernel.class.getClassLoader(), settings.compilerOptions, settings.timeoutMillis);
    }

    private static MagicsRegistry magics(MavenResolver resolver) {
        MagicsRegistry registry = new MagicsRegistry();
        ClasspathMagics.register(registry);
        MavenMagics.register(registry, resolver);
        LoadMagic.register(registry);
        DisplayMagics.register(registry);
        KernelMagics.register(registry);
        return registry;
    }

    private static LanguageInfo languageInfo() {
        String version = Runtime.version().toString();
        // codemirror_mode as a MIME type: the classic Notebook UI resolves "java" only for cells it loaded,
        // not for cells a student inserts, which then get no highlighting.
        return new LanguageInfo("Java", version, "text/x-java-source", ".jshell", "java", "text/x-java", "java");
    }

    /** Errors are shown as plain text: they read the same in the Notebook UI, in HTML and in tests. */
    private static StringStyler plainStyler() {
        return new StringStyler.Builder().addPrimaryStyle(TextColor.RESET_ALL).build();
    }

    /**
     * Installs this as the notebook's kernel and runs the startup (imports, IJAVA_CLASSPATH, startup
     * scripts) on a thread of its own, so Jupyter sees the kernel ready at once; evaluation, completion
     * and inspection wait until the startup is done.
     */
    @Override
    public void onStartup() {
        super.onStartup();
        Thread thread = new Thread(() -> {
            inStartup.set(true);
            try {
                runStartup();
            } catch (Exception e) {
                LOG.warn("Notebook startup failed", e);
                startupFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                startup.complete(null);
            }
        }, "notebook-startup");
        thread.setDaemon(true);
        thread.start();
    }

    private void runStartup() throws IOException {
        if (!settings.classpath.isBlank()) {
            addToClasspath(PathsHandler.splitAndResolveGlobs(settings.classpath));
        }
        NotebookStartup.runImports(NotebookStartup.imports(System.getProperty("java.class.path")), this::evalRaw);
        for (String script : NotebookStartup.scripts(settings.startupScriptsPath)) {
            evalRaw(script);
        }
        if (!settings.startupScript.isBlank()) {
            evalRaw(settings.startupScript);
        }
    }

    /** Waits for the startup, unless called by it; the first cell after a failed startup reports why. */
    private void awaitStartup() {
        if (Boolean.TRUE.equals(inStartup.get())) {
            return;
        }
        startup.join();
        String failure = startupFailure;
        if (failure != null) {
            startupFailure = null;
            System.err.println("The kernel's startup scripts failed: " + failure);
        }
    }

    /** Makes jars or class folders available to the following cells. */
    public void addToClasspath(List<Path> paths) {
        if (!paths.isEmpty()) {
            shell.addToClasspath(paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
    }

    @Override
    public Object evalRaw(String source) {
        awaitStartup();
        try {
            Object value = shell.eval(magicParser.resolveMagics(source));
            return value == NotebookShell.NO_VALUE ? null : value;
        } catch (Exception e) {
            throw SedlabKernel.<RuntimeException>rethrow(e);
        }
    }

    /** Throws a checked exception unchanged, so the notebook shows the user's own exception. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStartup();
        String doc = shell.inspect(code, at);
        return doc.isBlank() ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStartup();
        NotebookShell.Completion completion = shell.complete(code, at);
        return new ReplacementOptions(completion.options, completion.start, completion.end);
    }

    @Override
    public String isComplete(String code) {
        awaitStartup();
        // Magics are judged as the Java calls they become: a bare "%jars" is a whole cell.
        switch (shell.completeness(magicParser.resolveMagics(code))) {
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
            case EMPTY:
                return IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return "    ";
            default:
                return IS_COMPLETE_BAD;
        }
    }

    @Override
    public void interrupt() {
        shell.interrupt();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellException || e instanceof UndefinedMagicException || e instanceof MagicArgsParseException) {
            return TracebackFormatter.lines(List.of(e.getMessage()));
        }
        Throwable shown = e instanceof UncaughtError ? e.getCause() : e;
        return TracebackFormatter.lines(TracebackFormatter.format(shown, shell::locate));
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        shell.close();
    }
}
