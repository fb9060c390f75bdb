package org.sedlab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Claims with their verdicts, as a table a notebook shows and one summary line ("31 claims: 22
 * reproduce, ..."); and the check of the computed verdicts against a reviewed file of expected ones.
 */
public record Scorecard(List<Claim> claims) {
    public Scorecard {
        claims = List.copyOf(claims);
        Map<String, Claim> seen = new LinkedHashMap<>();
        for (Claim c : claims) {
            if (seen.put(c.id(), c) != null) throw new IllegalArgumentException("two claims have the id " + c.id());
        }
    }

    public Table table() {
        return Table.create("claims",
                StringColumn.create("claim", claims.stream().map(Claim::id)),
                StringColumn.create("section", claims.stream().map(Claim::section)),
                StringColumn.create("the paper", claims.stream().map(c -> c.paper().isEmpty() ? c.statement() : c.statement() + ": " + c.paper())),
                StringColumn.create("ours", claims.stream().map(Claim::ours)),
                StringColumn.create("statistic", claims.stream().map(Claim::statistic)),
                StringColumn.create("verdict", claims.stream().map(c -> c.verdict().words())));
    }

    /**
     * One table per section, in the claims' order, named for it ("Section 5", "Limitations"): each short enough for a
     * notebook to show whole, where the whole card would be cut to its first and last rows.
     */
    public List<Table> bySection() {
        Map<String, List<Claim>> sections = new LinkedHashMap<>();
        for (Claim c : claims) sections.computeIfAbsent(c.section(), s -> new ArrayList<>()).add(c);
        List<Table> tables = new ArrayList<>();
        sections.forEach((section, members) -> tables.add(new Scorecard(members).table()
                .setName((Character.isDigit(section.charAt(0)) ? "Section " : "") + section)));
        return tables;
    }

    /** "31 claims: 22 reproduce, 4 do not reproduce, 3 undecided at this n, 2 unstable" (verdicts with no claim left out). */
    public String summary() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Claim c : claims) counts.merge(c.verdict(), 1, Integer::sum);
        List<String> parts = new ArrayList<>();
        counts.forEach((v, n) -> parts.add(n + " " + switch (v) {
            case REPRODUCES -> "reproduce";
            case DOES_NOT_REPRODUCE -> "do not reproduce";
            default -> v.words();
        }));
        return claims.size() + " claims: " + String.join(", ", parts);
    }

    /** Each claim's verdict by id, in order. */
    public Map<String, Verdict> verdicts() {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (Claim c : claims) verdicts.put(c.id(), c.verdict());
        return verdicts;
    }

    /**
     * Expected verdicts from a reviewed CSV file: a header "claim,verdict", then one line per claim
     * ("s5.rank-not-direction,UNDECIDED"); lines starting with # are comments.
     */
    public static Map<String, Verdict> readExpected(Path file) {
        try {
            Map<String, Verdict> expected = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != 2) throw new IllegalArgumentException(file + ": expected 'claim,verdict', got '" + line + "'");
                if (expected.put(cells[0].trim(), Verdict.parse(cells[1])) != null) throw new IllegalArgumentException(file + " lists " + cells[0] + " twice");
            }
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per claim whose verdict is not the expected one, or that one side lacks; empty when they agree. */
    public List<String> differencesFrom(Map<String, Verdict> expected) {
        List<String> out = new ArrayList<>();
        Map<String, Verdict> computed = verdicts();
        computed.forEach((id, v) -> {
            if (!expected.containsKey(id)) out.add(id + ": computed " + v + ", not in the expected file");
            else if (expected.get(id) != v) out.add(id + ": computed " + v + ", expected " + expected.get(id));
        });
        expected.keySet().stream().filter(id -> !computed.containsKey(id)).forEach(id -> out.add(id + ": expected " + expected.get(id) + ", no such claim computed"));
        return out;
    }
}
