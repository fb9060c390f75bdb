package org.sedlab.cli;

import java.nio.file.Path;
import java.util.List;
import org.sedlab.linalg.Numerics;
import org.sedlab.paper.Paper;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.Sections;
import org.sedlab.sweep.SweepUnit;
import picocli.CommandLine.Option;

/** The options that fix a sweep's units: its profile and its folders, shared by reproduce and run-unit. */
final class SweepFolders {
    @Option(names = "--profile", defaultValue = "full", description = "full (the paper's configuration on every seed the scorecard needs), paper-seeds (the same on the paper's three seeds only) or quick (minutes; a check of the pipeline) (default ${DEFAULT-VALUE})")
    String profile;
    @Option(names = "--runs", description = "checkpoint folder (default runs; quick: target/quick/runs)")
    Path runs;
    @Option(names = "--data", description = "results folder (default data/<section>; quick: target/quick/<section>)")
    Path data;

    Profile profile() { return Profile.parse(profile); }

    Path runsDir() {
        return runs != null ? runs : !profile().isQuick() ? Path.of("runs") : Path.of("target/quick/runs");
    }

    /** The section's results folder; {@code --data} names it, or (for a listing of all sections) their parent. */
    Path dataDir(Section s, boolean parentOfSections) {
        if (data != null) return parentOfSections ? data.resolve(s.name()) : data;
        return defaultData(profile(), s);
    }

    /** Where a section's results go unless {@code --data} says otherwise: data/section3, or target/quick/section3. */
    static Path defaultData(Profile profile, Section s) {
        return (!profile.isQuick() ? Path.of("data") : Path.of("target/quick")).resolve(s.name());
    }

    /** Where unit logs and claims are kept: the same for every process that runs these folders' units. */
    Path logs() { return runsDir().resolve("logs"); }

    /**
     * Refuses the fast numerics for the committed results: data/ must be what any machine recomputes.
     * Called before any work, by every command that writes a sweep's results.
     */
    void requirePortableForCommittedData() {
        if (data == null && !profile().isQuick() && !Numerics.active().portable()) {
            throw new IllegalArgumentException("the fast numerics (" + Numerics.VARIABLE + "=fast) round by this CPU, so they do not write "
                    + "the committed results in data/: unset " + Numerics.VARIABLE + " (portable is the default), or name another folder with --data");
        }
    }

    /** Creates the sections' results folders and the runs folder, failing at once with one line if one cannot be written. */
    void create(List<Section> sections) {
        requirePortableForCommittedData();
        for (Section s : sections) OutputPaths.directory(dataDir(s, sections.size() > 1), "--data");
        OutputPaths.directory(runsDir(), "--runs");
    }

    List<SweepUnit> units(Section s) { return Sections.units(s, profile(), runsDir(), dataDir(s, false)); }

    /** Every section's units as one sweep (reproduce all); {@code --data} then names the parent of the sections' folders. */
    List<SweepUnit> everyUnit() { return Sections.everyUnit(Paper.standard().parts(), profile(), runsDir(), s -> dataDir(s, true)); }

    /** The options that name these folders again, for a command run elsewhere (a Slurm task). */
    List<String> asArguments(Section s) {
        return List.of("--profile", profile().word(), "--runs", runsDir().toString(), "--data", dataDir(s, false).toString());
    }
}
