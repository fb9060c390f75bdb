package org.sedlab.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** A sedlab command line in a new JVM like this one: same java, options and class path. */
final class JvmCommand {
    private JvmCommand() {}

    static List<String> sedlab(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        return command;
    }
}
