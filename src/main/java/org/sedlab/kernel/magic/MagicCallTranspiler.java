package org.sedlab.kernel.magic;

import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedCellMagic;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a magic into a Java statement calling {@link MagicCalls}, so magics run in order with the
 * code around them and their failures surface as the magic's own clear message.
 */
public final class MagicCallTranspiler extends MagicTranspiler {

    @Override
    public String transpileCell(ParsedCellMagic magic) {
        return call("cell", Stream.concat(Stream.of(magic.magicCall.name, magic.magicCall.body),
                magic.magicCall.args.stream()).collect(Collectors.toList()));
    }

    @Override
    public String transpileLine(ParsedLineMagic magic) {
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
