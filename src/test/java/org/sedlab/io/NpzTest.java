package org.sedlab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpzTest {
    @TempDir Path dir;

    @Test
    void npyHeaderIsNumpyVersion1AlignedTo64Bytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(Nd4j.create(DataType.FLOAT, 384, 128), out);
        byte[] bytes = out.toByteArray();
        int headerLength = (bytes[8] & 0xff) | ((bytes[9] & 0xff) << 8);
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (384, 128), }", header.trim());
        assertEquals(10 + headerLength + 384 * 128 * 4, bytes.length);
        ByteArrayOutputStream vec = new ByteArrayOutputStream();
        Npy.write(Nd4j.create(DataType.DOUBLE, 7), vec);
        assertTrue(new String(vec.toByteArray(), StandardCharsets.US_ASCII).contains("'shape': (7,)"));
    }

    @Test
    void archiveRoundTripsNamesOrderShapesAndValues() throws Exception {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("encoder.layers.0.self_attn.in_proj_weight", Nd4j.rand(DataType.FLOAT, 6, 4));
        arrays.put("pos_emb", Nd4j.rand(DataType.DOUBLE, 2, 3));
        arrays.put("step", Nd4j.createFromArray(1234L));
        arrays.put("scalar", Nd4j.scalar(2.5f));
        Path file = dir.resolve("a.npz");
        Npz.write(file, arrays);
        Map<String, INDArray> back = Npz.read(file);
        assertEquals(arrays.keySet().stream().toList(), back.keySet().stream().toList());
        for (String k : arrays.keySet()) assertEquals(arrays.get(k), back.get(k), k);
        Path again = dir.resolve("b.npz");
        Npz.write(again, arrays);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "equal arrays, byte-identical files");
    }

    @Test
    void missingCorruptAndForeignFilesGetClearMessages() throws Exception {
        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> Npz.read(dir.resolve("nope.npz")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());

        Path good = dir.resolve("good.npz");
        Npz.write(good, Map.of("w", Nd4j.rand(DataType.FLOAT, 100, 100)));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.npz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        UncheckedIOException cut = assertThrows(UncheckedIOException.class, () -> Npz.read(truncated));
        assertTrue(cut.getMessage().contains("truncated.npz"), cut.getMessage());

        Path text = dir.resolve("notes.npz");
        Files.writeString(text, "just some text");
        UncheckedIOException foreign = assertThrows(UncheckedIOException.class, () -> Npz.read(text));
        assertTrue(foreign.getMessage().contains("not an .npz"), foreign.getMessage());
    }

    @Test
    void atomicWriteLeavesNoPartialFileWhenTheWriterFails() throws Exception {
        Path target = dir.resolve("result.csv");
        AtomicFile.writeString(target, "old\n");
        assertThrows(UncheckedIOException.class, () -> AtomicFile.write(target, out -> {
            out.write("new partial".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file removed");
        }
    }
}
