package org.sedlab.cli;

import java.io.UncheckedIOException;
import org.sedlab.provenance.Provenance;
import org.sedlab.sweep.SweepLeader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sedlab} command line. Errors in what the user asked for print one line, not a stack trace. */
@Command(name = "sedlab", mixinStandardHelpOptions = true, version = "sedlab 0.1",
        description = "Reproduce and extend the gradient-SED paper: train grokking runs, analyse them, reproduce the paper's sections, benchmark the model.",
        subcommands = {TrainCommand.class, AnalyzeCommand.class, PerExampleCommand.class, CompareCentroidsCommand.class, WeightNormsCommand.class, FisherScaleCommand.class, ReproduceCommand.class, RunUnitCommand.class, VerifyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        Provenance.gitCommit(); // the commit of the code this process runs, before anything is committed meanwhile
        try {
            SweepLeader.exitWithLeader();
        } catch (IllegalArgumentException e) {
            System.err.println("sedlab: error: " + e.getMessage());
            System.exit(2);
        }
        // A signal (Ctrl-C, SIGTERM) or the end of the process that started this one ends the command in a
        // shutdown hook: say what that leaves behind.
        Thread stopped = new Thread(() -> System.err.println("sedlab: stopped before the command finished; nothing half-written "
                + "is kept, and the same command resumes a run or redoes an analysis"));
        Runtime.getRuntime().addShutdownHook(stopped);
        int code = run(args);
        Runtime.getRuntime().removeShutdownHook(stopped);
        System.exit(code);
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof UncheckedIOException) {
                commandLine.getErr().println("sedlab: error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
