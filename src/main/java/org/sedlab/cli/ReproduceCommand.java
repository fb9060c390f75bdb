package org.sedlab.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepRunner;
import org.sedlab.sweep.SweepUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run a section of the paper as a resumable sweep.",
                "Each unit (a training run, an analysis) writes its results into the data folder with a unit.json record and is skipped next time.",
                "--list names the sections with their units done and to do."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "the section: section3, section4 (see --list)")
    String section;
    @Option(names = "--list", description = "list the sections, their unit counts and how many are done")
    boolean list;
    @Option(names = "--profile", defaultValue = "full", description = "full (the paper's configuration) or quick (minutes; a check of the pipeline) (default ${DEFAULT-VALUE})")
    String profile;
    @Option(names = "--workers", defaultValue = "1", description = "units run in parallel, one single-threaded process each (default ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--runs", description = "checkpoint folder (default runs; quick: target/quick/runs)")
    Path runs;
    @Option(names = "--data", description = "results folder (default data/<section>; quick: target/quick/<section>)")
    Path data;
    @Option(names = "--dry-run", description = "list the units and whether each is done, run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        Profile p = Profile.parse(profile);
        if (workers < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        if (list) {
            for (Section s : Sections.all()) {
                List<SweepUnit> units = Sections.units(s, p, runsDir(p), dataDir(p, s));
                long done = units.stream().filter(SweepUnit::isDone).count();
                System.out.printf("%-10s %3d units, %3d done, %3d to do   %s%n", s.name(), units.size(), done, units.size() - done, s.title());
            }
            return 0;
        }
        if (section == null) throw new IllegalArgumentException("name a section to reproduce, e.g. section3 (sedlab reproduce --list)");
        Section s = Sections.named(section);
        Path runsDir = runsDir(p);
        List<SweepUnit> units = Sections.units(s, p, runsDir, dataDir(p, s));
        if (dryRun) {
            for (SweepUnit u : units) System.out.printf("%-4s %-28s %s%n", u.isDone() ? "done" : "todo", u.id(), u.commandLine());
            return 0;
        }
        OutputPaths.directory(dataDir(p, s), "--data");
        SweepRunner.Summary summary = new SweepRunner(workers, OutputPaths.directory(runsDir, "--runs").resolve("logs"),
                ReproduceCommand::thisJvm, System.out)
                .run(units);
        return summary.ok() ? 0 : 1;
    }

    private Path runsDir(Profile p) {
        return runs != null ? runs : p == Profile.FULL ? Path.of("runs") : Path.of("target/quick/runs");
    }

    private Path dataDir(Profile p, Section s) {
        if (data != null) return list ? data.resolve(s.name()) : data;
        return (p == Profile.FULL ? Path.of("data") : Path.of("target/quick")).resolve(s.name());
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
