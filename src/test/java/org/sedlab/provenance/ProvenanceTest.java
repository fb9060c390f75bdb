package org.sedlab.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @TempDir Path repo;

    @Test
    void theCommitNamedIsTheLastOneThatChangedCodeAndResultsNeverMakeItDirty() throws Exception {
        git("init", "-q");
        Files.writeString(repo.resolve("Model.java"), "class Model {}\n");
        commit("code");
        String code = git("rev-parse", "HEAD");
        assertEquals(code, Provenance.codeCommit(repo));

        Files.createDirectories(repo.resolve("data/section3"));
        Files.writeString(repo.resolve("data/section3/unit.json"), "{}\n");
        assertEquals(code, Provenance.codeCommit(repo), "new results are not a change of code");
        commit("results");
        assertEquals(code, Provenance.codeCommit(repo), "committing results keeps the code's commit");
        Files.writeString(repo.resolve("data/section3/unit.json"), "{\"again\": 1}\n");
        assertEquals(code, Provenance.codeCommit(repo), "a changed result is not a change of code");

        Files.writeString(repo.resolve("Model.java"), "class Model { int layers; }\n");
        assertEquals(code + "-dirty", Provenance.codeCommit(repo));
        commit("more code");
        assertEquals(git("rev-parse", "HEAD"), Provenance.codeCommit(repo.resolve("data")), "from any folder of the repository");
    }

    @Test
    void outsideARepositoryTheCommitIsUnknown() {
        assertEquals("unknown", Provenance.codeCommit(repo));
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message);
    }

    private String git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + out);
        return out;
    }
}
