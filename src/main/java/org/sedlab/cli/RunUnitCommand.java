package org.sedlab.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sedlab.paper.Paper;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.SweepLogs;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = RunUnitCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Run one unit of a section's sweep and publish it, as a local sweep would: what each Slurm array task of `reproduce --slurm` runs.",
                "A unit done already is skipped; one that another process runs, or whose input another process runs, is waited for."})
final class RunUnitCommand implements Callable<Integer> {
    static final String NAME = "run-unit";

    @Parameters(index = "0", description = "the section: section3, section4 (see reproduce --list)")
    String section;
    @Parameters(index = "1", description = "the unit's id, e.g. train/add-42 (see reproduce <section> --dry-run)")
    String unit;
    @Mixin
    SweepFolders folders;

    @Override
    public Integer call() throws InterruptedException {
        Section s = Paper.standard().named(section);
        Map<String, SweepUnit> byId = new LinkedHashMap<>();
        for (SweepUnit u : folders.units(s)) byId.put(u.id(), u);
        SweepUnit u = byId.get(unit);
        if (u == null) throw new IllegalArgumentException("no unit '" + unit + "' in " + s.name() + " (" + folders.profile().word()
                + " profile): see sedlab reproduce " + s.name() + " --dry-run");
        folders.create(List.of(s));
        boolean done = new UnitTask(new SweepLogs(folders.logs()), JvmCommand::sedlab, System.out).run(u, byId);
        return done ? 0 : 1;
    }
}
