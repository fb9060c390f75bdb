package org.sedlab.kernel.install;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code java -jar sedlab-kernel.jar install|uninstall [--user | --sys-prefix | --prefix P] [--name N]
 * [--display-name D] [--jvm-opt OPTION]...}: writes (or removes) the kernel spec that runs this kernel jar on
 * the JDK running the installer, for whatever {@code jupyter} is on the PATH (pip, conda, Homebrew, Debian),
 * or in Jupyter's standard data folders when there is none.
 */
public final class KernelInstaller {

    static final String USAGE = "usage: java -jar sedlab-kernel.jar install|uninstall [--user | --sys-prefix | --prefix DIR]"
            + " [--name NAME] [--display-name TEXT] [--jvm-opt OPTION]...\n"
            + "  --user (default): for this user; --sys-prefix: into the Python environment of the jupyter on PATH;\n"
            + "  --prefix DIR: into DIR/share/jupyter/kernels (then JUPYTER_PATH=DIR/share/jupyter);\n"
            + "  --jvm-opt: an option for the kernel's JVM, e.g. --jvm-opt -Xmx4g (repeatable)";

    private KernelInstaller() {
    }

    /** Where a spec goes: the jupyter command's flag for it, and the folder that flag means. */
    enum Scope { USER, SYS_PREFIX, PREFIX }

    /** What the command line asked for. */
    static final class Request {
        boolean install;
        Scope scope = Scope.USER;
        Path prefix;
        String name = "sedlab";
        String displayName = "Java (sedlab)";
        final List<String> jvmOptions = new ArrayList<>();

        static Request parse(List<String> args) {
            if (args.isEmpty() || !List.of("install", "uninstall").contains(args.get(0))) {
                throw new IllegalArgumentException(USAGE);
            }
            Request request = new Request();
            request.install = args.get(0).equals("install");
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--user":
                        request.scope = Scope.USER;
                        break;
                    case "--sys-prefix":
                        request.scope = Scope.SYS_PREFIX;
                        break;
                    case "--prefix":
                        request.scope = Scope.PREFIX;
                        request.prefix = Path.of(value(args, ++i, arg)).toAbsolutePath();
                        break;
                    case "--name":
                        request.name = value(args, ++i, arg);
                        break;
                    case "--display-name":
                        request.displayName = value(args, ++i, arg);
                        break;
                    case "--jvm-opt":
                        request.jvmOptions.add(value(args, ++i, arg));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
                }
            }
            if (!request.name.matches("[a-zA-Z0-9._-]+")) {
                throw new IllegalArgumentException("--name may hold only letters, digits, '.', '_' and '-': " + request.name);
            }
            return request;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            return args.get(i);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Request request;
        try {
            request = Request.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Optional<Path> jupyter = onPath(System.getenv("PATH"), "jupyter", "jupyter.exe", "jupyter.cmd");
        if (request.install) {
            install(request, jupyter);
        } else {
            uninstall(request, jupyter);
        }
    }

    private static void install(Request request, Optional<Path> jupyter) throws IOException, InterruptedException {
        Path staged = Files.createTempDirectory("sedlab-kernelspec").resolve(request.name);
        Files.createDirectories(staged);
        try {
            Files.writeString(staged.resolve("kernel.json"), spec(request, kernelClasspath()), StandardCharsets.UTF_8);
            if (jupyter.isPresent() && request.scope != Scope.PREFIX) {
                List<String> command = new ArrayList<>(List.of(jupyter.get().toString(), "kernelspec", "install",
                        staged.toString(), "--name", request.name));
                command.add(request.scope == Scope.USER ? "--user" : "--sys-prefix");
                run(command);
            } else {
                Path target = kernelsFolder(request, jupyter).resolve(request.name);
                deleteTree(target);
                Files.createDirectories(target);
                Files.copy(staged.resolve("kernel.json"), target.resolve("kernel.json"));
                System.out.println("Installed kernelspec " + request.name + " in " + target);
            }
        } finally {
            deleteTree(staged.getParent());
        }
    }

    private static void uninstall(Request request, Optional<Path> jupyter) throws IOException, InterruptedException {
        if (jupyter.isPresent() && request.scope != Scope.PREFIX) {
            run(List.of(jupyter.get().toString(), "kernelspec", "remove", "-f", request.name));
            return;
        }
        Path target = kernelsFolder(request, jupyter).resolve(request.name);
        if (!Files.isDirectory(target)) {
            System.err.println("No kernel spec " + request.name + " in " + target.getParent());
            System.exit(1);
        }
        deleteTree(target);
        System.out.println("Removed " + target);
    }

    /** The kernels folder for the scope, without asking jupyter (there is none, or --prefix was given). */
    private static Path kernelsFolder(Request request, Optional<Path> jupyter) {
        switch (request.scope) {
            case PREFIX:
                return request.prefix.resolve("share").resolve("jupyter").resolve("kernels");
            case USER:
                return userDataFolder(System.getProperty("os.name"), System.getenv(), Path.of(System.getProperty("user.home")))
                        .resolve("kernels");
            default:
                throw new IllegalStateException("--sys-prefix needs the jupyter command on PATH: none was found");
        }
    }

    /** Jupyter's per-user data folder (jupyter_core's jupyter_data_dir), where JUPYTER_DATA_DIR does not say. */
    static Path userDataFolder(String osName, Map<String, String> env, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null ? home.resolve("AppData").resolve("Roaming") : Path.of(appData)).resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share") : Path.of(xdg)).resolve("jupyter");
    }

    /**
     * kernel.json: this JVM's java, the options the kernel needs on this JDK, the user's, and the class path:
     * the kernel jar, and where it lies in a sedlab build (target/), sedlab.jar and the notebook's libraries.
     */
    static String spec(Request request, List<Path> classpath) {
        JsonArray argv = new JsonArray();
        String java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java").toString();
        argv.add(java);
        // A small initial heap keeps an idle kernel small; 1 GiB keeps a Binder session within ~2 GB
        // (a later -Xmx from --jvm-opt wins).
        for (String option : List.of("-Xms32m", "-Xmx1g", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                // the Vector API: the portable matrix products about twice as fast (the same bits without it),
                // and a tenth faster without its per-load range checks (PortableGemm checks each product's once)
                "--add-modules", "jdk.incubator.vector", "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0")) {
            argv.add(option);
        }
        jdkOptions(Runtime.version().feature()).forEach(argv::add);
        request.jvmOptions.forEach(argv::add);
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toArray(String[]::new)));
        argv.add("org.sedlab.kernel.KernelMain");
        argv.add("{connection_file}");
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", request.displayName);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        JsonObject env = new JsonObject();
        // One OpenMP thread: ND4J in a notebook shares the machine's cores with everything else.
        env.addProperty("OMP_NUM_THREADS", "1");
        spec.add("env", env);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * What keeps this JDK quiet about sedlab's libraries (JavaCPP's native access and sun.misc.Unsafe); the
     * same rule as environment/java-options.sh, which the command-line launcher uses.
     */
    static List<String> jdkOptions(int feature) {
        return feature >= 23
                ? List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")
                : List.of("--enable-native-access=ALL-UNNAMED");
    }

    private static List<Path> kernelClasspath() throws IOException {
        Path kernel;
        try {
            kernel = Path.of(KernelInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot tell where the kernel jar is", e);
        }
        List<Path> classpath = new ArrayList<>(List.of(kernel));
        Path folder = kernel.getParent();
        Path listed = folder.resolve("notebook.classpath");
        if (Files.isRegularFile(folder.resolve("sedlab.jar")) && Files.isRegularFile(listed)) {
            classpath.add(folder.resolve("sedlab.jar"));
            // entries relative to the folder (lib/x.jar), separated by ':' as Maven wrote them
            for (String entry : Files.readString(listed, StandardCharsets.UTF_8).strip().split("[:;]")) {
                if (!entry.isBlank()) {
                    classpath.add(folder.resolve(entry));
                }
            }
        }
        return classpath;
    }

    static Optional<Path> onPath(String path, String... names) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            System.err.println(String.join(" ", command) + " failed (exit " + exit + ")");
            System.exit(exit);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
