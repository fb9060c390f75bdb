package org.sedlab.kernel;

import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sedlab.kernel.exec.CompilationException;
import org.sedlab.kernel.magic.MagicException;
import org.sedlab.kernel.maven.MavenResolver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel without Jupyter: startup, magics, class loading, error formatting. */
class SedlabKernelTest {

    @TempDir
    static Path dir;
    private static SedlabKernel kernel;

    @BeforeAll
    static void start() throws IOException {
        Path settings = dir.resolve("settings.xml");
        Path mirror = dir.resolve("mirror");
        // settings.xml: a private local repository, and every repository mirrored by a folder,
        // so %maven resolves here without a network and the settings are shown to be honoured.
        Files.writeString(settings, "<settings><localRepository>" + dir.resolve("local-repo") + "</localRepository>"
                + "<mirrors><mirror><id>folder</id><url>" + mirror.toUri() + "</url><mirrorOf>*</mirrorOf></mirror></mirrors>"
                + "</settings>");
        Path artifact = mirror.resolve("org/example/greeter/1.0");
        Files.createDirectories(artifact);
        Files.copy(TestJars.greeterJar(dir.resolve("build-maven"), "demo.maven", "hello from maven"), artifact.resolve("greeter-1.0.jar"));
        Files.writeString(artifact.resolve("greeter-1.0.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>org.example</groupId><artifactId>greeter</artifactId><version>1.0</version></project>");

        Path script = dir.resolve("scripts/startup.jshell");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "int fromScript = 40;");
        kernel = new SedlabKernel(KernelSettings.fromEnvironment(Map.of(
                "IJAVA_STARTUP_SCRIPTS_PATH", dir.resolve("scripts") + "/*.jshell",
                "JJAVA_STARTUP_SCRIPT", "int fromEnv = fromScript + 2;",
                "IJAVA_TIMEOUT", "20000")),
                MavenResolver.fromSettings(settings));
        kernel.onStartup();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void startupScriptsAndImportsRan() {
        assertEquals(42, kernel.evalRaw("fromEnv"));
        assertEquals("XYChart", kernel.evalRaw("XYChart.class.getSimpleName()"));
        assertEquals("Table", kernel.evalRaw("Table.class.getSimpleName()"));
    }

    @Test
    void declarationsShowNothing() {
        assertNull(kernel.evalRaw("int nothing = 0;"));
    }

    @Test
    void jarsMagicAddsAJarInTheNotebookClassLoader() throws IOException {
        Path jar = TestJars.greeterJar(dir.resolve("build-jars"), "demo.jars", "hello from jars");
        kernel.evalRaw("%jars " + jar);
        assertEquals("hello from jars", kernel.evalRaw("new demo.jars.Greeter().hello()"));
        assertEquals("notebook", kernel.evalRaw("demo.jars.Greeter.class.getClassLoader().getName()"));
        // Libraries sedlab bundles stay with the kernel's class loader, shared with sedlab's own code.
        assertEquals("app", kernel.evalRaw("org.knowm.xchart.XYChart.class.getClassLoader().getName()"));
    }

    @Test
    void mavenMagicResolvesThroughSettingsXml() {
        kernel.evalRaw("%maven org.example:greeter:1.0");
        assertEquals("hello from maven", kernel.evalRaw("new demo.maven.Greeter().hello()"));
        assertTrue(Files.isRegularFile(dir.resolve("local-repo/org/example/greeter/1.0/greeter-1.0.jar")));
    }

    @Test
    void loadFromPomTakesTheSameCoordinates() {
        kernel.evalRaw("%%loadFromPOM\n<dependency><groupId>org.example</groupId><artifactId>greeter</artifactId>"
                + "<version>1.0</version></dependency>");
        assertEquals("hello from maven", kernel.evalRaw("new demo.maven.Greeter().hello()"));
    }

    @Test
    void unresolvableArtifactIsAClearMessage() {
        MagicException e = assertThrows(MagicException.class, () -> kernel.evalRaw("%maven org.example:nothing:9.9"));
        assertTrue(e.getMessage().contains("Could not resolve org.example:nothing:9.9"), e.getMessage());
        assertEquals(List.of(e.getMessage().split("\n")), kernel.formatError(e));
        MagicException bad = assertThrows(MagicException.class, () -> kernel.evalRaw("%maven not-a-coordinate"));
        assertTrue(bad.getMessage().contains("is not a Maven coordinate"), bad.getMessage());
    }

    @Test
    void loadRunsJshellFilesAndNotebooks() throws IOException {
        Path file = dir.resolve("helpers.jshell");
        Files.writeString(file, "int twice(int x) { return 2 * x; }");
        kernel.evalRaw("%load " + file);
        assertEquals(14, kernel.evalRaw("twice(7)"));

        Path notebook = dir.resolve("other.ipynb");
        Files.writeString(notebook, "{\"cells\": ["
                + "{\"cell_type\": \"markdown\", \"source\": [\"# not code\"]},"
                + "{\"cell_type\": \"code\", \"source\": [\"int fromNotebook = \", \"5;\"]},"
                + "{\"cell_type\": \"code\", \"source\": \"int alsoFromNotebook = fromNotebook + 1;\"}"
                + "], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}");
        kernel.evalRaw("%load " + notebook);
        assertEquals(6, kernel.evalRaw("alsoFromNotebook"));
    }

    @Test
    void loadFindsAFileNamedWithoutItsExtensionAsIJavaDoes() throws IOException {
        Files.writeString(dir.resolve("imports.jsh"), "int fromJsh = 3;");
        Files.writeString(dir.resolve("imports.java"), "int fromJsh = -1;");
        kernel.evalRaw("%load " + dir.resolve("imports"));
        assertEquals(3, kernel.evalRaw("fromJsh"));
        MagicException missing = assertThrows(MagicException.class, () -> kernel.evalRaw("%load " + dir.resolve("absent")));
        assertTrue(missing.getMessage().contains(".jsh, .jshell, .java, .ipynb"), missing.getMessage());
    }

    @Test
    void ijavasDefaultImportsAndKernelHandle() {
        assertEquals(2024, kernel.evalRaw("LocalDate.of(2024, 1, 2).getYear()"));
        assertEquals(true, kernel.evalRaw("Pattern.compile(\"a+\").matcher(\"aa\").matches()"));
        assertEquals("example.org", kernel.evalRaw("URI.create(\"http://example.org/x\").getHost()"));
        assertEquals(0, kernel.evalRaw("new ConcurrentHashMap<String, Integer>().size()"));
        assertEquals(true, kernel.evalRaw("kernel() == getKernelInstance() && kernel() instanceof org.sedlab.kernel.SedlabKernel"));
        assertEquals(5, kernel.evalRaw("getKernelInstance().evalRaw(\"2 + 3\")"));
    }

    @Test
    void timeAndLsmagicPrintWhatIPythonsDo() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            kernel.evalRaw("%time int timed = \"a  b\".length();");
            kernel.evalRaw("%%time\nint timedCell = timed * 2;");
            kernel.evalRaw("%lsmagic");
        } finally {
            System.setOut(stdout);
        }
        assertEquals(8, kernel.evalRaw("timedCell"));
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, printed.split("Wall time: [0-9.]+ ms").length - 1, printed);
        assertTrue(printed.contains("Line magics: %classpath %jars %load %lsmagic %maven %mavenRepo %time"), printed);
        assertTrue(printed.contains("Cell magics: %%html %%loadFromPOM %%markdown %%time"), printed);
    }

    @Test
    void magicsRunInOrderWithTheCodeAroundThem() throws IOException {
        Path file = dir.resolve("counter.jshell");
        Files.writeString(file, "order.add(\"loaded\");");
        kernel.evalRaw("List<String> order = new ArrayList<>();");
        kernel.evalRaw("order.add(\"before\");\n%load " + file + "\norder.add(\"after\");");
        assertEquals(List.of("before", "loaded", "after"), kernel.evalRaw("order"));
    }

    @Test
    void badMagicUseIsAClearMessage() {
        MagicException missing = assertThrows(MagicException.class, () -> kernel.evalRaw("%load no/such/file.jshell"));
        assertTrue(missing.getMessage().startsWith("%load: no such file 'no/such/file.jshell'"), missing.getMessage());
        UndefinedMagicException unknown = assertThrows(UndefinedMagicException.class, () -> kernel.evalRaw("%frobnicate now"));
        assertTrue(kernel.formatError(unknown).get(0).contains("frobnicate"));
        assertEquals(1, kernel.formatError(unknown).size());
        assertThrows(MagicException.class, () -> kernel.evalRaw("%jars /no/such/*.jar"));
    }

    @Test
    void userExceptionsKeepTheirNameAndCompileErrorsTheirs() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kernel.evalRaw("throw new IllegalStateException(\"x\");"));
        List<String> traceback = kernel.formatError(e);
        assertEquals("java.lang.IllegalStateException: x", traceback.get(0));
        assertTrue(traceback.stream().noneMatch(l -> l.contains("org.sedlab.kernel") || l.contains("jdk.internal")), traceback.toString());
        assertThrows(CompilationException.class, () -> kernel.evalRaw("undefinedVariable + 1"));
    }

    @Test
    void checkedExceptionsArriveUnwrapped() {
        assertThrows(java.io.IOException.class, () -> kernel.evalRaw("throw new java.io.IOException(\"disk\");"));
    }

    @Test
    void completionAndCompleteness() {
        ReplacementOptions options = kernel.complete("Math.ma", 7);
        assertTrue(options.getReplacements().contains("max("), options.getReplacements().toString());
        assertEquals(5, options.getSourceStart());
        assertEquals(SedlabKernel.IS_COMPLETE_YES, kernel.isComplete("int a = 1;"));
        assertEquals("    ", kernel.isComplete("if (true) {"));
    }

    @Test
    void threadContextClassLoaderIsTheNotebooks() {
        assertEquals("notebook", kernel.evalRaw("Thread.currentThread().getContextClassLoader().getName()"));
    }
}
