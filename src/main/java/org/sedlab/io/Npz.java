package org.sedlab.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/** NumPy's .npz archive: a zip of named .npy arrays, as numpy.savez writes and numpy.load reads. */
public final class Npz {
    /** A fixed entry time, so equal arrays always make byte-identical files. */
    private static final LocalDateTime REPRODUCIBLE_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {}

    /** Writes the arrays (in map order) atomically. */
    public static void write(Path file, Map<String, INDArray> arrays) {
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(0);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setTimeLocal(REPRODUCIBLE_TIME);
                zip.putNextEntry(entry);
                Npy.write(e.getValue(), zip);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Reads every array, keyed by name without ".npy"; a missing or corrupt file gets a clear message. */
    public static Map<String, INDArray> read(Path file) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) continue;
                String key = name.substring(0, name.length() - 4);
                arrays.put(key, Npy.read(zip, file + ":" + name));
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (ZipException | java.io.EOFException e) {
            throw new UncheckedIOException(file + " is not a readable .npz archive (truncated or corrupt: "
                    + e.getMessage() + "); delete it or re-create it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        if (arrays.isEmpty()) {
            throw new UncheckedIOException(new IOException(file + " holds no .npy arrays: it is not an .npz checkpoint"));
        }
        return arrays;
    }
}
