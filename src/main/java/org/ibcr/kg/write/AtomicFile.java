package org.ibcr.kg.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a file all or nothing: into a temporary file beside the target, synced, then renamed over it.
 * If writing fails the temporary file is removed and the target is left as it was (absent or old).
 *
 * <pre>{@code
 * AtomicFile.write(Path.of("out.nt.gz"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes {@code body} into a file; compresses it when the name ends in {@code .gz}. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A temporary file is private; the published file keeps the old file's mode, or gets rw-r--r--. */
    private static void readableByAll(Path temp, Path target) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView("posix")) return;
        Files.setPosixFilePermissions(temp, Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    public static void write(Path target, Body body) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        boolean done = false;
        try {
            readableByAll(temp, absolute);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream raw = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
                OutputStream out = RdfFormat.isGzip(target) ? new GZIPOutputStream(raw, 1 << 16) : raw;
                body.writeTo(out);
                out.flush();
                if (out instanceof GZIPOutputStream gz) gz.finish();
                raw.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(temp);
        }
    }
}
