package org.sedlab.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sedlab.io.ResultComparison;

/**
 * Recomputes a committed unit, and every unit it needs, into a scratch folder with today's code, then
 * compares each one's results with the committed ones ({@link ResultComparison}). Nothing committed is
 * read as an input: a unit's checkpoints are retrained too, so a drift anywhere upstream shows.
 */
public final class UnitVerification {
    private final Section section;
    private final Profile profile;
    private final Path committedData;
    private final Path scratch;

    /**
     * @param committedData the section's committed results folder (data/section3)
     * @param scratch       an empty folder for the recomputation's runs, results and logs
     */
    public UnitVerification(Section section, Profile profile, Path committedData, Path scratch) {
        this.section = section;
        this.profile = profile;
        this.committedData = committedData;
        this.scratch = scratch;
    }

    /** One unit's verdict: identical, or its first difference. */
    public record Verdict(String unit, Optional<ResultComparison.Difference> difference) {
        public boolean identical() { return difference.isEmpty(); }

        public String describe() {
            return unit + ": " + difference.map(d -> "differs, first at " + d.describe()).orElse("identical");
        }
    }

    /**
     * The unit and what it needs, in the order they run; fails with one line, before any work, if the
     * unit is unknown or any of them has no committed results to compare with.
     */
    public List<SweepUnit> committedUnits(String unitId) {
        // only the results folders of these units are read; their runs folder is never used
        Map<String, SweepUnit> byId = byId(Sections.units(section, profile, scratch.resolve("runs"), committedData));
        if (!byId.containsKey(unitId)) {
            throw new IllegalArgumentException("no unit " + unitId + " in " + section.name() + " (sedlab reproduce " + section.name() + " --dry-run lists them)");
        }
        List<SweepUnit> closure = new ArrayList<>();
        addWithInputs(byId.get(unitId), byId, closure);
        for (SweepUnit u : closure) {
            if (!u.isDone()) {
                throw new IllegalArgumentException(u.id() + " has no committed results in " + u.output() + " to compare with (no "
                        + SweepUnit.RECORD + "): run sedlab reproduce " + section.name() + " first");
            }
        }
        return closure;
    }

    /**
     * Recomputes the unit and its inputs, then compares them, inputs first.
     *
     * @param launcher turns sedlab arguments into a process command line
     * @param out      the sweep's progress
     */
    public List<Verdict> verify(String unitId, Function<List<String>, List<String>> launcher, PrintStream out) throws InterruptedException {
        List<SweepUnit> committed = committedUnits(unitId);
        // units chosen from earlier results (a tuned learning rate) are the committed ones
        Map<String, SweepUnit> fresh = byId(Sections.units(section, profile, scratch.resolve("runs"), scratch.resolve("data"), committedData));
        List<SweepUnit> toRun = committed.stream().map(u -> fresh.get(u.id())).toList();
        SweepRunner.Summary summary = new SweepRunner(1, scratch.resolve("logs"), launcher, out).run(toRun);
        if (!summary.ok()) throw new IllegalStateException("the recomputation failed (" + String.join(", ", summary.failed())
                + "); its log is in " + scratch.resolve("logs"));
        List<Verdict> verdicts = new ArrayList<>();
        for (SweepUnit u : committed) verdicts.add(new Verdict(u.id(), ResultComparison.compare(u.output(), fresh.get(u.id()).output())));
        return verdicts;
    }

    private static Map<String, SweepUnit> byId(List<SweepUnit> units) {
        Map<String, SweepUnit> byId = new LinkedHashMap<>();
        for (SweepUnit u : units) byId.put(u.id(), u);
        return byId;
    }

    private static void addWithInputs(SweepUnit unit, Map<String, SweepUnit> byId, List<SweepUnit> closure) {
        for (String need : unit.dependsOn()) addWithInputs(byId.get(need), byId, closure);
        if (!closure.contains(unit)) closure.add(unit);
    }
}
