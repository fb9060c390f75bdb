package org.sedlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sedlab.io.FileTrees;
import org.sedlab.paper.Paper;
import org.sedlab.sweep.Profile;
import org.sedlab.sweep.Section;
import org.sedlab.sweep.SweepUnit;
import org.sedlab.sweep.UnitVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute a committed unit, and the units it needs (its training run), into a temporary folder with this code, and compare.",
                "Prints, per unit, \"identical\" or the first differing file, row and column; timings, memory and provenance are not compared.",
                "Exit status 0 when every unit is identical, 1 otherwise."})
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the section, e.g. section3 (see reproduce --list)")
    String section;
    @Parameters(index = "1", description = "the unit, e.g. sed/add-42 (see reproduce <section> --dry-run)")
    String unit;
    @Option(names = "--profile", defaultValue = "full", description = "the profile the committed results were made with (default ${DEFAULT-VALUE})")
    String profile;
    @Option(names = "--data", description = "the section's committed results (default data/<section>; quick: target/quick/<section>)")
    Path data;
    @Option(names = "--keep", description = "keep the recomputation's folder (its path is printed)")
    boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        Section s = Paper.standard().named(section);
        Profile p = Profile.parse(profile);
        Path committed = data != null ? data : SweepFolders.defaultData(p, s);
        Path scratch = scratch();
        try {
            UnitVerification verification = new UnitVerification(s, p, committed, scratch);
            List<SweepUnit> units = verification.committedUnits(unit);
            System.out.printf("verify: recomputing %s into %s%n", String.join(", ", units.stream().map(SweepUnit::id).toList()), scratch);
            List<UnitVerification.Verdict> verdicts = verification.verify(unit, JvmCommand::sedlab, System.out);
            verdicts.forEach(v -> System.out.println("verify: " + v.describe()));
            return verdicts.stream().allMatch(UnitVerification.Verdict::identical) ? 0 : 1;
        } finally {
            if (keep) System.out.println("verify: kept " + scratch);
            else FileTrees.delete(scratch);
        }
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("sedlab-verify");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary folder for the recomputation: " + e.getMessage(), e);
        }
    }
}
