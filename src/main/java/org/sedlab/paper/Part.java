package org.sedlab.paper;

import java.util.List;
import org.sedlab.report.Claim;
import org.sedlab.report.SectionData;
import org.sedlab.sweep.Section;

/** A part of the paper: its sweep (what to compute) and its claims (what the results say about the paper). */
public interface Part extends Section {
    /** Every claim of the part, each decided from the committed results (or {@code NOT_COMPUTED} without them). */
    List<Claim> claims(SectionData data);

    /** Whether the part answers a question the paper leaves open instead of reproducing what it reports. */
    default boolean beyondThePaper() { return false; }
}
