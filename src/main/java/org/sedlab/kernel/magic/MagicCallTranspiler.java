package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a magic into a Java statement calling {@link MagicCalls}, so magics run in order with the
 * code around them and their failures surface as the magic's own clear message.
 */
public final class MagicCallTranspiler extends MagicTranspiler {

    /** Line magics whose argument is Java code. */
    private static final Set<String> CODE_MAGICS = Set.of("time");

    @Override
    public String transpileCell(ParsedCellMagic magic) {
        return call("cell", Stream.concat(Stream.of(magic.magicCall.name, magic.magicCall.body),
                magic.magicCall.args.stream()).collect(Collectors.toList()));
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        if (CODE_MAGICS.contains(magic.magicCall.name)) {
            // the rest of the line as written: splitting it into arguments would lose its quotes and spaces
            String raw = magic.raw;
            String code = raw.substring(raw.indexOf(magic.magicCall.name) + magic.magicCall.name.length()).strip();
            return call("line", List.of(magic.magicCall.name, code));
        }
        return call("line", Stream.concat(Stream.of(magic.magicCall.name),
                magic.magicCall.args.stream()).collect(Collectors.toList()));
    }

    private static String call(String method, List<String> arguments) {
        return MagicCalls.class.getName() + "." + method + "("
                + arguments.stream().map(MagicCallTranspiler::javaLiteral).collect(Collectors.joining(", "))
                + ");";
    }

    /** A Java string literal for any text: quotes, backslashes, line breaks and non-ASCII escaped. */
    static String javaLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
