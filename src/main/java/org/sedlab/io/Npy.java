package org.sedlab.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** NumPy's .npy format (version 1.0 written; 1.0-3.0 read), little-endian float32/float64 and int32/int64. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static void write(INDArray array, OutputStream out) throws IOException {
        INDArray c = array.dup('c');
        String descr = switch (c.dataType()) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case INT -> "<i4";
            case LONG -> "<i8";
            default -> throw new IllegalArgumentException("cannot write " + c.dataType() + " to .npy");
        };
        StringBuilder shape = new StringBuilder();
        for (long d : c.shape()) shape.append(d).append(", ");
        String dims = c.rank() == 1 ? shape.toString().trim() : shape.toString().replaceAll(", $", "");
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        out.write(MAGIC);
        out.write(new byte[]{1, 0});
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.US_ASCII));

        // Straight from the array's native buffer: whole-array heap copies of a 70 MB cache grew the old
        // generation by 140 MB for the rest of the process.
        if (c.length() > 0) Channels.newChannel(out).write(storage(c));
        if (c != array && c.closeable()) c.close(); // the C-order copy: freed now, not at the next collection
    }

    /** Reads one array; {@code source} names the file in error messages. */
    public static INDArray read(InputStream in, String source) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) throw new IOException(source + " is not a .npy array (bad magic)");
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        int headerLength;
        if (major == 1) {
            headerLength = data.readUnsignedByte() | (data.readUnsignedByte() << 8);
        } else if (major == 2 || major == 3) {
            headerLength = Integer.reverseBytes(data.readInt());
        } else {
            throw new IOException(source + " uses unsupported .npy version " + major);
        }
        byte[] headerBytes = new byte[headerLength];
        data.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, source);
        if ("True".equals(group(FORTRAN, header, source))) {
            throw new IOException(source + " is stored in Fortran order; save it in C order (numpy.ascontiguousarray)");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, source).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        DataType type = switch (descr) {
            case "<f4" -> DataType.FLOAT;
            case "<f8" -> DataType.DOUBLE;
            case "<i4" -> DataType.INT;
            case "<i8" -> DataType.LONG;
            default -> throw new IOException(source + " has element type '" + descr
                    + "'; sedlab reads little-endian float32/float64/int32/int64");
        };
        // Straight into the array's native buffer, as write() does.
        INDArray flat = Nd4j.create(type, count);
        if (count > 0) {
            ByteBuffer target = storage(flat);
            ReadableByteChannel channel = Channels.newChannel(data);
            while (target.hasRemaining()) {
                if (channel.read(target) < 0) throw new EOFException(source + " ends inside its data");
            }
        }
        return shape.length == 0 ? flat.reshape() : flat.reshape(shape);
    }

    /** A C-ordered array's storage as the bytes of a .npy file's data: .npy is little-endian, so native order must be. */
    private static ByteBuffer storage(INDArray array) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) throw new IOException("sedlab reads and writes .npy on little-endian machines only");
        ByteBuffer bytes = array.data().asNio().duplicate();
        bytes.limit(bytes.position() + Math.toIntExact(array.length() * array.dataType().width()));
        return bytes;
    }

    private static String group(Pattern p, String header, String source) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IOException(source + " has a malformed .npy header: " + header.trim());
        return m.group(1);
    }
}
