package org.ibcr.kg.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes a folder all or nothing: its files go into a temporary folder beside the target, are synced,
 * and the folder is then renamed into place. If writing fails the temporary folder is removed and the
 * target is left as it was. An existing non-empty target is refused unless {@code replace} is set.
 *
 * <pre>{@code
 * AtomicFolder.write(Path.of("generated"), false, dir -> Files.writeString(dir.resolve("a.csv"), "id\n"));
 * }</pre>
 */
public final class AtomicFolder {
    private AtomicFolder() {}

    /** Fills a fresh, empty folder. */
    @FunctionalInterface
    public interface Body {
        void writeInto(Path folder) throws IOException;
    }

    /** True when {@code folder} is a folder holding at least one entry. */
    public static boolean isNonEmptyFolder(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) return false;
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }

    /**
     * @param target  the folder to publish
     * @param replace whether a non-empty existing {@code target} may be replaced (its old content is deleted)
     * @throws FileAlreadyExistsException when {@code target} is a file, or a non-empty folder and not {@code replace}
     */
    public static void write(Path target, boolean replace, Body body) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "is a file, not a folder");
        }
        if (!replace && isNonEmptyFolder(absolute)) {
            throw new DirectoryNotEmptyException(target.toString());
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".part.");
        boolean done = false;
        try {
            body.writeInto(temp);
            syncFiles(temp);
            // A temporary folder is private; the published one is readable by all, as a checked-out data/ is.
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            if (isNonEmptyFolder(absolute)) {
                // filled while we were writing (another process): not ours to replace
                if (!replace) throw new DirectoryNotEmptyException(target.toString());
                // rename(2) replaces only an empty folder: move the old one aside first, delete it after.
                Path old = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".old.");
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(parent); // the rename itself, on disk
            done = true;
        } finally {
            if (!done) deleteTree(temp);
        }
    }

    /** Every file under {@code folder}, at any depth, and the folders themselves. */
    private static void syncFiles(Path folder) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(folder)) {
            entries = walk.toList();
        }
        for (Path entry : entries) {
            if (Files.isRegularFile(entry)) {
                try (FileChannel channel = FileChannel.open(entry, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            } else if (Files.isDirectory(entry)) {
                syncFolder(entry);
            }
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder for syncing; its files are synced all the same
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
