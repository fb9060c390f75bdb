package org.sedlab.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section3Sweep;
import org.sedlab.sweep.SweepRunner;
import org.sedlab.sweep.SweepUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run a section of the paper as a resumable sweep: each unit (a training run, an analysis)",
                "writes its results into the data folder with a unit.json record and is skipped next time.",
                "Sections: section3 (Tables 1-3, Figures 1-2)."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "section3")
    String section;
    @Option(names = "--profile", defaultValue = "full", description = "full (the paper's configuration) or quick (minutes; a check of the pipeline) (default ${DEFAULT-VALUE})")
    String profile;
    @Option(names = "--workers", defaultValue = "1", description = "units run in parallel, one single-threaded process each (default ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--runs", description = "checkpoint folder (default runs; quick: target/quick/runs)")
    Path runs;
    @Option(names = "--data", description = "results folder (default data/section3; quick: target/quick/section3)")
    Path data;
    @Option(names = "--dry-run", description = "list the units and whether each is done, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        if (!section.equals("section3")) throw new IllegalArgumentException("unknown section '" + section + "': choose section3");
        Profile p = Profile.parse(profile);
        Path runsDir = runs != null ? runs : p == Profile.FULL ? Path.of("runs") : Path.of("target/quick/runs");
        Path dataDir = data != null ? data : p == Profile.FULL ? Path.of("data/section3") : Path.of("target/quick/section3");
        List<SweepUnit> units = Section3Sweep.units(p, runsDir, dataDir);
        if (dryRun) {
            for (SweepUnit u : units) System.out.printf("%-4s %-28s %s%n", u.isDone() ? "done" : "todo", u.id(), u.commandLine());
            return 0;
        }
        SweepRunner.Summary summary = new SweepRunner(workers, runsDir.resolve("logs"), ReproduceCommand::thisJvm, System.out)
                .run(units);
        return summary.ok() ? 0 : 1;
    }

    /** The sedlab command line in a new JVM like this one: same java, options and class path. */
    private static List<String> thisJvm(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments);
        return command;
    }
}
