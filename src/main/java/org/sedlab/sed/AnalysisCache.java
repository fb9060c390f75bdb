package org.sedlab.sed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sedlab.io.Npz;

/**
 * One matrix cached in a run's cache/ folder under a key that names everything it was computed from
 * (the checkpoints' content, the loss, the batch, the engine, {@link #FORMAT}). The key is stored in
 * the file and compared on read, so a cache is never served for other inputs, whatever its name.
 */
final class AnalysisCache {
    /** Bump when what a cached matrix means or how it is computed changes. */
    static final int FORMAT = 2;
    private static final String KEY = "cache_key";

    private final Path file;
    private final String key;
    private final String array;

    /**
     * @param kind  the file name's prefix and the array's name ("attention", "gradients")
     * @param key   what the matrix was computed from, spelled out
     */
    AnalysisCache(Path dir, String kind, String key) {
        this.key = "format=" + FORMAT + ";" + key;
        this.array = kind;
        this.file = dir.resolve(kind + "-" + HexFormat.of().formatHex(sha256().digest(this.key.getBytes(StandardCharsets.UTF_8))).substring(0, 16) + ".npz");
    }

    Path file() { return file; }

    /** The cached matrix if this file holds one computed from the same key. */
    Optional<INDArray> read() {
        if (!Files.exists(file)) return Optional.empty();
        Map<String, INDArray> arrays = Npz.read(file);
        INDArray stored = arrays.get(KEY);
        if (stored == null || !key.equals(decode(stored)) || !arrays.containsKey(array)) return Optional.empty();
        return Optional.of(arrays.get(array));
    }

    void write(INDArray matrix) {
        Npz.write(file, Map.of(array, matrix, KEY, encode(key)));
    }

    private static INDArray encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] codes = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) codes[i] = bytes[i];
        return Nd4j.createFromArray(codes);
    }

    private static String decode(INDArray codes) {
        int[] ints = codes.toIntVector();
        byte[] bytes = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) bytes[i] = (byte) ints[i];
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
