package org.sedlab.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A one-node Slurm cluster on localhost for tests: munged, slurmctld and slurmd started here in the
 * foreground (no systemd, no cgroups: process tracking by parent PID, no task plugin), their key,
 * configuration, state, sockets and logs in one folder, on free ports. Where the machine cannot run
 * it, {@link #start} skips the calling test with the reason (a JUnit assumption); {@link #close}
 * stops every daemon it started.
 */
final class LocalSlurm implements AutoCloseable {
    private static final Duration INSTALL = Duration.ofMinutes(15);
    private static final Duration COMMAND = Duration.ofMinutes(1);
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final List<String> PROGRAMS = List.of("munged", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue", "scancel");

    private final Path dir;
    private final Path conf;
    /** By name, in the order started. */
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    /** Every process the daemons were seen to have, to check that none is left. */
    private final List<ProcessHandle> started = new ArrayList<>();

    private LocalSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    /** The variables a Slurm client (sbatch, squeue, a sedlab that submits) needs to reach this cluster. */
    Map<String, String> environment() { return Map.of("SLURM_CONF", conf.toString()); }

    /** Installs Slurm and munge from Debian when missing, starts the daemons and waits for the node to be idle. */
    static LocalSlurm start(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Slurm needs Linux; this is " + System.getProperty("os.name"));
        installWhenMissing();
        LocalSlurm slurm = new LocalSlurm(dir);
        try {
            slurm.configure();
            slurm.launch();
            slurm.awaitIdleNode();
            return slurm;
        } catch (RuntimeException | IOException | InterruptedException | Error e) {
            slurm.close();
            throw e;
        }
    }

    private static void installWhenMissing() throws IOException, InterruptedException {
        if (PROGRAMS.stream().allMatch(LocalSlurm::onPath)) return;
        Assumptions.assumeTrue(isRoot(), "Slurm is not installed (slurm-wlm, munge) and installing it with apt-get needs root");
        Assumptions.assumeTrue(onPath("apt-get"), "Slurm is not installed and there is no apt-get to install it (Debian's slurm-wlm, munge)");
        // Waits a while for another apt-get that holds the package lock, rather than failing at once.
        String lockWait = "DPkg::Lock::Timeout=" + INSTALL.toSeconds() / 3;
        Result update = run(List.of("apt-get", "-o", lockWait, "update", "-qq"), INSTALL, Map.of());
        Result install = run(List.of("apt-get", "-o", lockWait, "install", "-y", "-qq", "--no-install-recommends", "slurm-wlm", "munge"), INSTALL,
                Map.of("DEBIAN_FRONTEND", "noninteractive"));
        Assumptions.assumeTrue(install.ok() && PROGRAMS.stream().allMatch(LocalSlurm::onPath),
                "could not install slurm-wlm and munge with apt-get:\n" + update.output() + install.output());
    }

    private void configure() throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = dir.resolve("munge.key");
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------")); // munged refuses a readable key
        Result node = run(List.of(which("slurmd"), "-C"), COMMAND, Map.of());
        String nodeLine = node.output().lines().filter(l -> l.startsWith("NodeName=")).findFirst().orElse(null);
        Assumptions.assumeTrue(nodeLine != null, "slurmd -C did not describe this machine:\n" + node.output());
        String host = nodeLine.substring("NodeName=".length()).split("\\s+")[0];
        String config = String.join("\n",
                "ClusterName=sedlabtest",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmUser=" + System.getProperty("user.name"),
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + dir.resolve("munge.socket"),
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("slurmd.log"),
                // A container without systemd or cgroups: track a job's processes by parent PID, bind nothing.
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "MpiDefault=none",
                "MailProg=/bin/true",
                "ReturnToService=2",
                nodeLine + " NodeAddr=127.0.0.1 State=UNKNOWN",
                "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                "");
        Files.writeString(conf, config);
    }

    private void launch() throws IOException {
        Path socket = dir.resolve("munge.socket");
        daemon("munged", List.of(which("munged"), "--foreground", "--force", "--socket=" + socket, "--key-file=" + dir.resolve("munge.key"),
                "--pid-file=" + dir.resolve("munged.pid"), "--log-file=" + dir.resolve("munged.log"), "--seed-file=" + dir.resolve("munged.seed")));
        waitFor(() -> Files.exists(socket), Duration.ofSeconds(20), "munged made no socket");
        daemon("slurmctld", List.of(which("slurmctld"), "-D", "-i", "-f", conf.toString()));
        daemon("slurmd", List.of(which("slurmd"), "-D", "-f", conf.toString()));
    }

    private void daemon(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().putAll(environment());
        daemons.put(name, pb.start());
    }

    private void awaitIdleNode() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Process> d : daemons.entrySet()) {
                Assumptions.assumeTrue(d.getValue().isAlive(), d.getKey() + " exited at start, so Slurm cannot run here:\n" + logs());
            }
            state = run(List.of(which("sinfo"), "-h", "-o", "%t"), COMMAND, environment()).output().trim();
            if (state.equals("idle")) return;
            Thread.sleep(1000);
        }
        Assumptions.abort("the Slurm node was not idle within " + READY.toSeconds() + " s (sinfo: '" + state + "'):\n" + logs());
    }

    /** Blocks until no job is queued or running, at most {@code limit}; whether the queue emptied. */
    boolean awaitEmptyQueue(Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Result q = run(List.of(which("squeue"), "-h"), COMMAND, environment());
            if (q.ok() && q.output().isBlank()) return true;
            Thread.sleep(2000);
        }
        return false;
    }

    /** The end of each daemon's log, for messages. */
    String logs() throws IOException {
        StringBuilder s = new StringBuilder();
        for (String log : List.of("munged.log", "slurmctld.log", "slurmd.log", "munged.out", "slurmctld.out", "slurmd.out")) {
            Path file = dir.resolve(log);
            if (!Files.exists(file)) continue;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            s.append("== ").append(log).append('\n');
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> s.append(l).append('\n'));
        }
        return s.toString();
    }

    /** Cancels what is left in the queue, then stops the daemons (slurmd first) and whatever they started. */
    @Override
    public void close() throws InterruptedException {
        Process controller = daemons.get("slurmctld");
        if (controller != null && controller.isAlive()) {
            try {
                run(List.of(which("scancel"), "--user=" + System.getProperty("user.name")), COMMAND, environment());
                awaitEmptyQueue(STOP);
            } catch (IOException | RuntimeException e) {
                // stopping goes on: the daemons below end their jobs' processes with them
            }
        }
        List<Process> lastFirst = new ArrayList<>(daemons.values());
        Collections.reverse(lastFirst);
        for (Process p : lastFirst) {
            List<ProcessHandle> children = p.descendants().toList();
            started.add(p.toHandle());
            started.addAll(children);
            p.destroy();
            if (!p.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) p.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.destroy();
                child.onExit().orTimeout(STOP.toSeconds(), TimeUnit.SECONDS).exceptionally(t -> null).join();
                if (child.isAlive()) child.destroyForcibly();
            }
        }
        daemons.clear();
    }

    /** The processes this started (daemons and their children) that still run: none, once closed. */
    List<ProcessHandle> leftRunning() {
        List<ProcessHandle> all = new ArrayList<>(started);
        for (Process p : daemons.values()) all.add(p.toHandle());
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    private record Result(int exit, String output) {
        boolean ok() { return exit == 0; }
    }

    private static Result run(List<String> command, Duration limit, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sedlab-slurm-cmd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, String.join(" ", command) + ": no answer within " + limit.toSeconds() + " s\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean isRoot() {
        try {
            return run(List.of("id", "-u"), COMMAND, Map.of()).output().trim().equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The program's path, looked up on PATH and in the sbin folders where Debian puts the daemons. */
    static String which(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return Path.of(d, program).toString();
        }
        return program;
    }

    private static boolean onPath(String program) { return !which(program).equals(program); }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    private static void waitFor(Check check, Duration limit, String failure) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) Assumptions.abort(failure);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assumptions.abort(failure + " (interrupted)");
            }
        }
    }
}
