package org.sedlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The PyTorch peer process (src/test/python/torch_peer.py), asked to run one workload at a time. */
final class TorchPeer implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;

    private TorchPeer(Process process) {
        this.process = process;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static TorchPeer start() {
        Path script = Path.of("src/test/python/torch_peer.py").toAbsolutePath();
        if (!Files.exists(script)) throw new IllegalStateException("run the benchmark from the repository root: " + script + " is missing");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        try {
            return new TorchPeer(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start /usr/bin/python3 for the PyTorch peer (apt-get install python3-torch)");
        }
    }

    double time(String workload) {
        return Double.parseDouble(ask(workload));
    }

    double peakRssMib() {
        return Double.parseDouble(ask("rss"));
    }

    private String ask(String request) {
        in.println(request);
        try {
            String line = out.readLine();
            if (line == null) throw new IllegalStateException("the PyTorch peer exited (is python3-torch installed?)");
            return line.substring(line.indexOf(' ') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        process.destroy();
    }
}
