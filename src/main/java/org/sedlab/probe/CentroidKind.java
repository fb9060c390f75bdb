package org.sedlab.probe;

import java.util.Locale;

/**
 * Which linear centroid a probe gets. The paper measures with the simplified single-logit form
 * (d z_y / d e_x); the Limitations compare it with the full LCH centroid d(sum_c z_c) / d e_x.
 */
public enum CentroidKind {
    SIMPLIFIED("simplified single-logit: d z_y / d e_x"),
    FULL("full LCH: d(sum_c z_c) / d e_x");

    private final String description;

    CentroidKind(String description) { this.description = description; }

    /** The formula, as analysis.json records it. */
    public String description() { return description; }

    /** The command-line name: "simplified" or "full". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static CentroidKind parse(String name) {
        for (CentroidKind kind : values()) if (kind.id().equals(name.trim().toLowerCase(Locale.ROOT))) return kind;
        throw new IllegalArgumentException("unknown centroid '" + name + "': choose simplified (d z_y/d e_x, the paper's) or full (d(sum_c z_c)/d e_x)");
    }
}
