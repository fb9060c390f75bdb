package org.sedlab.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A sedlab command line in a new JVM like this one: same java, options and class path. */
final class JvmCommand {
    private JvmCommand() {}

    static List<String> sedlab(List<String> arguments) {
        List<String> command = new ArrayList<>();
        // java.home, not /proc/self/exe: a JDK upgraded while this JVM runs leaves that link at "java (deleted)"
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", compact(System.getProperty("java.class.path")), Main.class.getName()));
        command.addAll(arguments);
        return command;
    }

    /**
     * The class path with each run of entries that is every jar of one folder written back as
     * {@code folder/*}, as the launcher gave it (java expands it in the same order), so that a command
     * written into a batch script stays readable.
     */
    static String compact(String classPath) {
        String[] entries = classPath.split(File.pathSeparator);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < entries.length) {
            Path folder = Path.of(entries[i]).getParent();
            Set<String> run = new HashSet<>();
            int end = i;
            while (end < entries.length && entries[end].endsWith(".jar") && folder != null && folder.equals(Path.of(entries[end]).getParent())) {
                run.add(entries[end++]);
            }
            if (run.size() > 1 && run.equals(jarsIn(folder))) {
                out.add(folder.resolve("*").toString());
                i = end;
            } else {
                out.add(entries[i++]);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static Set<String> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::toString).filter(f -> f.endsWith(".jar")).collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }
}
