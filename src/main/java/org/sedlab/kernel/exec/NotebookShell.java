package org.sedlab.kernel.exec;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JShell whose snippets run inside this JVM, evaluated a whole notebook cell at a time.
 * {@link #eval} returns the real object of the cell's last expression, or {@link #NO_VALUE}.
 */
public final class NotebookShell implements AutoCloseable {

    /** Returned by {@link #eval} when the cell ends in a statement or declaration. */
    public static final Object NO_VALUE = new Object();

    private final NotebookClassLoader loader;
    private final InProcessExecutionControl control;
    private final JShell jshell;
    private final long timeoutMillis;
    private int evalDepth;
    /** Set while a cell is evaluated; an interrupt arriving at any other time must not stop the next cell. */
    private volatile boolean cellRunning;
    /** For tracebacks: the cell line each snippet of the cell now running starts on, by snippet id. */
    private final Map<String, Integer> firstLineOfSnippet = new HashMap<>();

    /**
     * @param compilerOptions javac options for every snippet (the compile classpath goes here)
     * @param timeoutMillis   a snippet running longer is stopped; 0 or less means no limit
     */
    public NotebookShell(ClassLoader parent, List<String> compilerOptions, long timeoutMillis) {
        this.loader = new NotebookClassLoader(parent);
        this.control = new InProcessExecutionControl(loader, timeoutMillis);
        this.timeoutMillis = timeoutMillis;
        this.jshell = JShell.builder()
                .executionEngine(new FixedExecutionProvider(control), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
    }

    public NotebookClassLoader classLoader() {
        return loader;
    }

    /** Adds jars or folders (separated by the path separator) to both the compiler and the class loader. */
    public void addToClasspath(String classpath) {
        jshell.addToClasspath(classpath);
    }

    /** Stops the cell being evaluated, if any; it then fails with {@link CellInterruptedException}. */
    public void interrupt() {
        if (cellRunning) {
            control.stopCell();
        }
    }

    /** Runs every snippet of a cell in order and returns the value of the last one if it is an expression. */
    public Object eval(String cell) throws Exception {
        boolean topLevel = evalDepth == 0;
        if (topLevel) {
            control.beginCell();
            firstLineOfSnippet.clear();
            cellRunning = true;
        }
        evalDepth++;
        try {
            Object last = NO_VALUE;
            for (CellSnippet snippet : splitSnippets(cell)) {
                last = evalSnippet(snippet, topLevel);
                if (snippet.closedBySemicolon()) {
                    last = NO_VALUE; // as in IPython, a closing semicolon keeps the value from being shown
                }
            }
            return last;
        } finally {
            evalDepth--;
            cellRunning = evalDepth > 0;
        }
    }

    private Object evalSnippet(CellSnippet cellSnippet, boolean topLevel) throws Exception {
        Object value = NO_VALUE;
        for (SnippetEvent event : jshell.eval(cellSnippet.source())) {
            if (event.causeSnippet() != null) {
                continue; // an update of an earlier snippet that depends on this one
            }
            Snippet snippet = event.snippet();
            if (topLevel) {
                firstLineOfSnippet.put(snippet.id(), cellSnippet.firstLine());
            }
            failIfStopped();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompilationException(describeDiagnostics(snippet));
            }
            if (event.exception() != null) {
                throw userFailure(event.exception());
            }
            if (control.holdsValue(event.value())) {
                Object result = control.takeValue(event.value());
                value = isDisplayedExpression(snippet) ? result : NO_VALUE;
            }
        }
        return value;
    }

    private void failIfStopped() {
        InProcessExecutionControl.Stop stop = control.stopReason();
        if (stop == InProcessExecutionControl.Stop.INTERRUPTED) {
            throw new CellInterruptedException();
        }
        if (stop == InProcessExecutionControl.Stop.TIMED_OUT) {
            throw new CellTimeoutException(timeoutMillis);
        }
    }

    /** A bare expression, or an expression JShell stored in a $n variable; not {@code int x = 1}. */
    private static boolean isDisplayedExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || (snippet instanceof VarSnippet
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private Exception userFailure(JShellException failure) {
        if (failure instanceof EvalException) {
            Throwable real = control.lastThrown();
            if (real == null) {
                return failure;
            }
            adoptSnippetFrames(real, failure);
            return real instanceof Exception ? (Exception) real : new UncaughtError((Error) real);
        }
        if (failure instanceof jdk.jshell.UnresolvedReferenceException) {
            DeclarationSnippet declaration = ((jdk.jshell.UnresolvedReferenceException) failure).getSnippet();
            String missing = jshell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            return new UnresolvedReferenceException("'" + firstLine(declaration.source())
                    + "' cannot run until this is defined: " + missing);
        }
        return failure;
    }

    /**
     * JShell's copy of a failure has stack frames already cut at the cell and mapped to snippet lines
     * (file "#id", line within the snippet); the real exception and its causes take those frames.
     */
    private static void adoptSnippetFrames(Throwable real, Throwable translated) {
        while (real != null && translated != null) {
            real.setStackTrace(translated.getStackTrace());
            real = real.getCause() == real ? null : real.getCause();
            translated = translated.getCause();
        }
    }

    private String describeDiagnostics(Snippet snippet) {
        String source = snippet.source();
        StringBuilder out = new StringBuilder();
        jshell.diagnostics(snippet).filter(Diag::isError).forEach(diag -> {
            int start = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', start - 1) + 1;
            int lineEnd = source.indexOf('\n', start);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int end = (int) Math.min(Math.max(diag.getEndPosition(), start + 1), lineStart + line.length());
            out.append(withoutSnippetLocation(diag.getMessage(Locale.ROOT))).append('\n')
                    .append("    ").append(line).append('\n')
                    .append("    ").append(" ".repeat(start - lineStart))
                    .append("^".repeat(Math.max(1, end - start))).append('\n');
        });
        return out.length() == 0 ? "The snippet was rejected: " + firstLine(source) : out.toString().stripTrailing();
    }

    /** javac names the class around a snippet, which for JShell has an empty name: "location: class ". */
    private static String withoutSnippetLocation(String message) {
        return message.replaceAll("\n\\s*location: class\\s*$", "");
    }

    private static String firstLine(String source) {
        String trimmed = source.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
    }

    /** Cuts a cell into its snippets, as JShell would read them one by one. */
    List<CellSnippet> splitSnippets(String cell) {
        List<CellSnippet> snippets = new ArrayList<>();
        String remaining = cell;
        int line = 1;
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            // Where the snippet starts: after the blank lines JShell skipped.
            int startLine = line + (int) leadingNewlines(remaining);
            if (!info.completeness().isComplete()) {
                snippets.add(new CellSnippet(remaining, startLine, false)); // let the compiler say what is missing
                break;
            }
            String consumed = remaining.substring(0, remaining.length() - info.remaining().length());
            // info.source() has a semicolon added where Java needs one; the user's own text tells if they wrote it.
            snippets.add(new CellSnippet(info.source(), startLine, consumed.strip().endsWith(";")));
            line += (int) consumed.chars().filter(c -> c == '\n').count();
            remaining = info.remaining();
        }
        return snippets;
    }

    private static long leadingNewlines(String text) {
        int firstCode = 0;
        while (firstCode < text.length() && Character.isWhitespace(text.charAt(firstCode))) {
            firstCode++;
        }
        return text.substring(0, firstCode).chars().filter(c -> c == '\n').count();
    }

    /** One snippet of a cell and the cell line it starts on (1-based). */
    record CellSnippet(String source, int firstLine, boolean closedBySemicolon) {}

    /**
     * Where a traceback frame of snippet {@code snippetId}, at its line {@code line}, is for the user:
     * a line of the cell being run, or a line of code defined in an earlier cell.
     */
    public String locate(String snippetId, int line) {
        Integer firstLine = firstLineOfSnippet.get(snippetId);
        return firstLine == null
                ? "line " + line + " of its cell, run earlier"
                : "cell line " + (firstLine + line - 1);
    }

    /** Tab completion at {@code cursor}: the replacement texts and the range [start, cursor) they replace. */
    public Completion complete(String cell, int cursor) {
        SnippetAt at = snippetAt(cell, cursor);
        Completion completion = completeIn(at.source(), at.cursor(), at.offset(), cursor);
        if (!completion.options.isEmpty() || at.offset() == 0) {
            return completion;
        }
        // Names declared earlier in this cell are unknown to JShell until the cell runs; inside one
        // block with the cell's earlier statements, they are in scope.
        return completeIn("{" + cell, cursor + 1, -1, cursor);
    }

    /** Completion in {@code source} at {@code at}; {@code source} starts at cell offset {@code offset}. */
    private Completion completeIn(String source, int at, int offset, int cursor) {
        int[] anchor = new int[1];
        List<String> options = jshell.sourceCodeAnalysis()
                .completionSuggestions(source, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completion(options, offset + anchor[0], cursor);
    }

    /** Signatures (and javadoc where the JDK has it) of what is under the cursor; empty when nothing is. */
    public String inspect(String cell, int cursor) {
        SnippetAt at = snippetAt(cell, cursor);
        String doc = documentation(at.source(), at.cursor());
        if (doc.isEmpty()) {
            // JShell documents a call only from inside its parentheses; a cursor on a method's name, with
            // or without its parentheses written yet, means that call.
            String source = at.source();
            int end = at.cursor();
            while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
                end++;
            }
            boolean opened = end < source.length() && source.charAt(end) == '(';
            doc = documentation(opened ? source : source.substring(0, end) + "(" + source.substring(end), end + 1);
        }
        return doc;
    }

    private String documentation(String source, int cursor) {
        return jshell.sourceCodeAnalysis().documentation(source, cursor, true).stream()
                .map(doc -> doc.javadoc() == null || doc.javadoc().isBlank()
                        ? doc.signature() : doc.signature() + "\n\n" + doc.javadoc())
                .collect(Collectors.joining("\n\n"));
    }

    /** Whether a front end may run the code as is ({@code COMPLETE}), should wait for more, or cannot. */
    public Completeness completeness(String cell) {
        Completeness last = Completeness.EMPTY;
        String remaining = cell;
        while (!remaining.isBlank()) {
            CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            last = info.completeness();
            if (!last.isComplete()) {
                break;
            }
            remaining = info.remaining();
        }
        return last;
    }

    private SnippetAt snippetAt(String cell, int cursor) {
        int offset = 0;
        String remaining = cell;
        SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            int consumed = remaining.length() - info.remaining().length();
            if (offset + consumed >= cursor) {
                break;
            }
            offset += consumed;
            remaining = info.remaining();
        }
        return new SnippetAt(remaining, cursor - offset, offset);
    }

    private record SnippetAt(String source, int cursor, int offset) {}

    /** Replacement options for tab completion. */
    public static final class Completion {
        public final List<String> options;
        public final int start;
        public final int end;

        Completion(List<String> options, int start, int end) {
            this.options = options;
            this.start = start;
            this.end = end;
        }
    }

    @Override
    public void close() {
        jshell.close();
    }
}
