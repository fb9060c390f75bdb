package org.sedlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SHA-256 digests of results by their values: an .npz archive by its arrays' names, types, shapes and
 * element bits (not the zip's bytes, which carry timestamps), any other file by its bytes. Two runs have
 * the same digests exactly when they computed the same bits.
 */
public final class ResultDigest {
    private ResultDigest() {}

    /** The digest of one result file. */
    public static String of(Path file) {
        try {
            return file.getFileName().toString().endsWith(".npz") ? ofArrays(Npz.read(file)) : hex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The digest of named arrays, in name order. */
    public static String ofArrays(Map<String, INDArray> arrays) {
        MessageDigest md = sha256();
        for (Map.Entry<String, INDArray> e : new TreeMap<>(arrays).entrySet()) {
            INDArray a = e.getValue();
            md.update((e.getKey() + " " + a.dataType() + " " + Arrays.toString(a.shape()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            INDArray flat = a.reshape(a.length());
            ByteBuffer bits = ByteBuffer.allocate(Math.toIntExact(a.length() * 8));
            if (a.dataType() == DataType.FLOAT) {
                for (float f : flat.toFloatVector()) bits.putLong(Float.floatToRawIntBits(f));
            } else if (a.dataType().isFPType()) {
                for (double d : flat.toDoubleVector()) bits.putLong(Double.doubleToRawLongBits(d));
            } else {
                for (long v : flat.toLongVector()) bits.putLong(v);
            }
            md.update(bits.array());
        }
        return hex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
