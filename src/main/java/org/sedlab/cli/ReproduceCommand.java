package org.sedlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sedlab.io.FileTrees;
import org.sedlab.paper.Paper;
import org.sedlab.paper.Part;
import org.sedlab.provenance.Provenance;
import org.sedlab.slurm.ArrayPlan;
import org.sedlab.slurm.BatchScript;
import org.sedlab.slurm.SlurmOptions;
import org.sedlab.slurm.SlurmSweep;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepRunner;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.train.RunFootprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Run a section of the paper as a resumable sweep, here or as Slurm job arrays (--slurm).",
                "Each unit (a training run, an analysis) writes its results into the data folder with a unit.json record and is skipped next time.",
                "--list names the sections with their units done and to do, and estimates each one's CPU time from this machine's bench and the units' step and checkpoint counts."})
final class ReproduceCommand implements Callable<Integer> {
    /** The name that runs every section as one sweep. */
    static final String ALL = "all";

    @Parameters(index = "0", arity = "0..1", description = "the part: one of those --list names (section3, ...), or all of them as one sweep")
    String section;
    @Option(names = "--list", description = "list the sections, their unit counts and how many are done")
    boolean list;
    @Mixin
    SweepFolders folders;
    @Option(names = "--workers", description = "units run in parallel here, one single-threaded process each (default 1)")
    Integer workers;
    @Option(names = "--dry-run", description = "list the units and whether each is done, run nothing; with --slurm: print the unit list and the batch script, submit nothing")
    boolean dryRun;
    @Option(names = "--slurm", description = "submit the units not done as Slurm job arrays, one task per unit, instead of running them here")
    boolean slurm;
    @Option(names = "--partition", description = "with --slurm: the partition (default: the cluster's)")
    String partition;
    @Option(names = "--max-parallel", description = "with --slurm: at most this many tasks of an array at once (default 100)")
    Integer maxParallel;
    @Option(names = "--time", description = "with --slurm: each task's time limit, e.g. 4:00:00 (default: the partition's)")
    String time;

    @Override
    public Integer call() throws InterruptedException {
        Profile p = folders.profile();
        if (workers != null && workers < 1) throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        if (slurm && workers != null) throw new IllegalArgumentException("--workers runs units here; with --slurm the cluster runs them (--max-parallel bounds how many at once)");
        if (!slurm && (partition != null || time != null || maxParallel != null)) throw new IllegalArgumentException("--partition, --time and --max-parallel go with --slurm");
        SlurmOptions slurmOptions = new SlurmOptions(partition, maxParallel != null ? maxParallel : SlurmOptions.DEFAULT_MAX_PARALLEL, time);
        if (list) {
            System.err.println("timing this machine's step, evaluation and analysed checkpoint for the estimates...");
            WallTimeEstimate.Costs costs = WallTimeEstimate.calibrate();
            double total = 0;
            int all = 0;
            List<SweepUnit> every = new ArrayList<>();
            for (Section s : Paper.standard().parts()) {
                List<SweepUnit> units = Sections.units(s, p, folders.runsDir(), folders.dataDir(s, true));
                every.addAll(units);
                long done = units.stream().filter(SweepUnit::isDone).count();
                double hours = units.stream().mapToDouble(u -> WallTimeEstimate.seconds(u, costs)).sum() / 3600;
                total += hours;
                all += units.size();
                System.out.printf("%-11s %3d units, %3d done, %3d to do, %5.2f h of CPU   %s%n", s.name(), units.size(), done,
                        units.size() - done, hours, s.title());
            }
            System.out.printf("%-11s %3d units, %.1f h of CPU: about %.1f h with --workers 2 at best (%s, here)%n", "all", all, total,
                    total / 2, costs.describe());
            System.out.println("disk: " + CheckpointRoom.of(every, folders.runsDir()));
            if (p == Profile.FULL) {
                // what reproducing the paper alone costs: its parts, on its three seeds
                List<SweepUnit> paper = new ArrayList<>();
                for (Part s : Paper.standard().parts()) {
                    if (!s.beyondThePaper()) paper.addAll(Sections.units(s, Profile.PAPER_SEEDS, folders.runsDir(), folders.dataDir(s, true)));
                }
                double hours = paper.stream().mapToDouble(u -> WallTimeEstimate.seconds(u, costs)).sum() / 3600;
                System.out.printf("%-11s %3d units, %.1f h of CPU: about %.1f h with --workers 2 (its parts on its three seeds: --profile paper-seeds)%n",
                        "the paper", paper.size(), hours, hours / 2);
            }
            return 0;
        }
        if (section == null) throw new IllegalArgumentException("name a section to reproduce, e.g. section3, or all (sedlab reproduce --list)");
        boolean every = section.equals(ALL);
        if (every && slurm) throw new IllegalArgumentException("--slurm submits one section at a time: name the section (sedlab reproduce --list)");
        List<Section> sections = every ? List.copyOf(Paper.standard().parts()) : List.of(Paper.standard().named(section));
        List<SweepUnit> units = every ? folders.everyUnit() : folders.units(sections.get(0));
        if (!dryRun) folders.requirePortableForCommittedData();
        if (slurm) return submit(sections.get(0), units, slurmOptions);
        if (dryRun) {
            for (SweepUnit u : units) System.out.printf("%-4s %-28s %s%n", u.isDone() ? "done" : "todo", u.id(), u.commandLine());
            System.out.println("disk: " + CheckpointRoom.of(units, folders.runsDir()));
            return 0;
        }
        folders.create(sections);
        CheckpointRoom room = CheckpointRoom.of(units, folders.runsDir());
        if (!room.fits()) {
            System.out.println("sweep: note: " + room + "; each training starts only if its own cap fits (one that groks stops sooner)");
        }
        SweepRunner runner = new SweepRunner(workers != null ? workers : 1, folders.logs(), JvmCommand::sedlab, System.out);
        while (true) {
            if (!runner.run(units).ok()) return 1;
            // a part may list more units once the ones they are chosen from are in (an optimizer's seeds at its tuned rate)
            Set<String> ran = units.stream().map(SweepUnit::id).collect(Collectors.toSet());
            List<SweepUnit> again = every ? folders.everyUnit() : folders.units(sections.get(0));
            long added = again.stream().filter(u -> !ran.contains(u.id())).count();
            if (added == 0) return 0;
            System.out.printf("sweep: %d more units follow from these results%n", added);
            units = again;
        }
    }

    /** What the trainings still to run write at most into the runs folder (each to its step cap), against the room there. */
    private record CheckpointRoom(long trainings, long bytesAtMost, long free, Path runs) {
        static CheckpointRoom of(List<SweepUnit> units, Path runs) {
            List<SweepUnit> todo = units.stream().filter(u -> !u.isDone() && u.training().isPresent()).toList();
            return new CheckpointRoom(todo.size(), todo.stream().mapToLong(SweepUnit::runBytesAtMost).sum(), FileTrees.freeSpace(runs), runs);
        }

        boolean fits() { return bytesAtMost <= free; }

        /** "the 41 trainings to run write at most 17.23 GB in runs (to their step caps); 61.83 GB is free there". */
        @Override
        public String toString() {
            return String.format("the %d trainings to run write at most %s in %s (to their step caps); %s is free there", trainings,
                    RunFootprint.gigabytes(bytesAtMost), runs, RunFootprint.gigabytes(free));
        }
    }

    /** The units not done, as Slurm job arrays whose tasks run {@code sedlab run-unit} on the same folders. */
    private int submit(Section s, List<SweepUnit> units, SlurmOptions options) throws InterruptedException {
        if (!dryRun) {
            SlurmSweep.requireSbatch();
            folders.create(List.of(s));
        }
        ArrayPlan plan = ArrayPlan.of(units);
        if (plan.units().isEmpty()) {
            System.out.printf("slurm: all %d units of %s are done; nothing to submit%n", units.size(), s.name());
            return 0;
        }
        Path folder = SlurmSweep.newFolder(folders.runsDir().resolve("slurm"), s.name());
        List<String> runUnit = new ArrayList<>(List.of(RunUnitCommand.NAME, s.name()));
        runUnit.addAll(folders.asArguments(s));
        BatchScript script = new BatchScript("sedlab-" + s.name(), Path.of("").toAbsolutePath(), SlurmSweep.unitList(folder),
                SlurmSweep.taskLogs(folder), options, Provenance.gitCommit(), JvmCommand.sedlab(runUnit));
        SlurmSweep sweep = new SlurmSweep(folder, plan, script);
        if (units.size() > plan.units().size()) System.out.printf("slurm: %d of %d units are done already%n", units.size() - plan.units().size(), units.size());
        if (dryRun) sweep.describe(System.out);
        else sweep.submit(System.out);
        return 0;
    }
}
