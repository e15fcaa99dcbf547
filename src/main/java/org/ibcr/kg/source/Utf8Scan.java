package org.ibcr.kg.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds where a file stops being well-formed UTF-8, once the parser's strict decoder has met a bad byte, so
 * that the byte is reported at its own line and column (a reader decoding ahead in buffers would blame an
 * earlier row). Good files are never scanned: the scan costs as much as a parse.
 * Reads in fixed-size chunks: memory stays flat whatever the file size.
 */
final class Utf8Scan {
    private Utf8Scan() {}

    static void check(Path path, String displayName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        long line = 1;
        int column = 1;
        try (InputStream stream = Files.newInputStream(path)) {
            byte[] head = stream.readNBytes(2);
            if (head.length == 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                    || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
                throw new DataException(displayName, 1, 1, null, "the table is UTF-16 (it starts with a UTF-16 byte order mark);"
                        + " save it as UTF-8 (in a spreadsheet: CSV UTF-8)");
            }
            in.put(head);
            boolean eof = false;
            while (!eof) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) eof = true; else in.position(in.position() + n);
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, eof);
                    out.flip();
                    while (out.hasRemaining()) {
                        char c = out.get();
                        if (c == '\n') { line++; column = 1; }
                        else if (!(c == '\uFEFF' && line == 1 && column == 1)) column++; // a byte order mark is no column
                    }
                    out.clear();
                    if (result.isError()) {
                        throw new DataException(displayName, line, column, null,
                                "invalid UTF-8 byte sequence; save the table as UTF-8 (in a spreadsheet: CSV UTF-8)");
                    }
                } while (result.isOverflow());
                in.compact();
            }
        } catch (NoSuchFileException e) {
            throw new DataException(displayName, 0, 0, null, "table is missing");
        } catch (IOException e) {
            throw new DataException(displayName, 0, 0, null, "cannot read: " + e.getMessage());
        }
    }
}
