package org.sedlab.paper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sedlab.paper.fisher.FisherSection;
import org.sedlab.paper.limitations.Limitations;
import org.sedlab.paper.mechanism.Mechanism;
import org.sedlab.paper.optimizer.Optimizer;
import org.sedlab.paper.section3.Section3;
import org.sedlab.paper.section4.Section4;
import org.sedlab.paper.section5.Section5;
import org.sedlab.report.Claim;
import org.sedlab.report.Scorecard;
import org.sedlab.report.SectionData;
import org.sedlab.report.SweepCost;
import org.sedlab.report.Verdict;
import org.sedlab.sweep.Section;
import tech.tablesaw.api.Table;

/**
 * The registry of the paper's parts, each a package of its own (its plan, tables, figures and
 * claims): a part is added by its package and one line here.
 */
public final class Paper {
    private static final Paper STANDARD = new Paper(List.of(new Section3(), new Section4(), new Section5(), new Limitations(), new FisherSection(), new Optimizer(), new Mechanism()));

    public static final String EXPECTED_VERDICTS = "expected-verdicts.csv";

    private final List<Part> parts;

    public Paper(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The parts this repository reproduces, in the order a listing shows them. */
    public static Paper standard() { return STANDARD; }

    public List<Part> parts() { return parts; }

    /** Every part's claims, decided from the committed results: notebook 09's table and the README's summary line. */
    public Scorecard scorecard() {
        List<Claim> claims = new ArrayList<>();
        for (Part part : parts) claims.addAll(part.claims(SectionData.locate(part)));
        return new Scorecard(claims);
    }

    /** What the committed results of every part cost, as their records say (notebook 09). */
    public Table cost() {
        return SweepCost.of(parts.stream().map(SectionData::locate).toList());
    }

    /** The part of that name; an unknown name fails with the list of known ones. */
    public Part named(String name) {
        for (Part s : parts) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException("unknown section '" + name + "': choose one of "
                + String.join(", ", parts.stream().map(Section::name).toList()) + " (sedlab reproduce --list)");
    }

    /**
     * The reviewed verdicts the results should give: {@value #EXPECTED_VERDICTS} beside the parts' folders
     * (data/ in the repository); empty for results that have no such file (a quick sweep's).
     */
    public Optional<Map<String, Verdict>> expectedVerdicts() {
        Path file = SectionData.locate(parts.get(0)).root().resolveSibling(EXPECTED_VERDICTS);
        return Files.isRegularFile(file) ? Optional.of(Scorecard.readExpected(file)) : Optional.empty();
    }

    /** A part's committed results as the notebooks read them: {@code Paper.data("section3")}. */
    public static SectionData data(String name) {
        return SectionData.locate(STANDARD.named(name));
    }
}
