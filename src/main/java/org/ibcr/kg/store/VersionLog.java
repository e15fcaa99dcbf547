package org.ibcr.kg.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.rdfpatch.PatchHeader;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchConst;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesCollector;
import org.apache.jena.rdfpatch.system.DatasetGraphChanges;
import org.apache.jena.rdfpatch.text.RDFChangesWriterText;
import org.apache.jena.rdfpatch.text.RDFPatchReaderText;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.ibcr.kg.write.AtomicFile;
import org.ibcr.kg.write.BackgroundStreamRDF;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The versions of the served data: every committed write that changes it (the start-up, a {@code load}, an authorised
 * SPARQL Update or Graph Store write) becomes a version with a number (1, 2, ...), a time and the RDF Patch (Jena's
 * {@code jena-rdfpatch}) from the version before. Only real changes count: a quad added that was there, or removed
 * that was not, is left out, and a write that changes nothing makes no version. Writes are recorded through the
 * dataset {@link #recording} returns.
 *
 * <p>Kept in memory ({@link #inMemory}) or in a folder ({@link #open}), one gzipped text patch a version
 * ({@code 00000001.rdfp.gz}, ...). On disk a version is recorded in two steps around the store's own commit: its
 * patch is written (synced) as {@code pending.rdfp.gz} before the store commits, and renamed to its number after. A
 * process killed between the two leaves the pending patch, and the next {@link #recording} decides from the store
 * which it was: every change of the patch in the store (the commit happened: the version is kept) or none (it did
 * not: the patch is dropped). So no version is recorded whose data the store does not hold, and no committed change
 * lacks its version.
 *
 * <p>Version 1 of a database built by a bulk loader is written as the data streams into the loader ({@link
 * #firstVersion}): one more consumer of the same stream, on a thread of its own, so the data is neither read a second
 * time nor held in memory. Its adds are the quads as the loader received them: one given twice is added twice (which
 * changes nothing when applied), the one exception to "only real changes". Patches are read back as streams ({@link #replay}); only small ones are kept in memory.
 *
 * <pre>{@code
 * VersionLog log = VersionLog.open(dbFolder.resolve("versions"));
 * DatasetGraph served = log.recording(tdb2Dataset);   // writes through it become versions
 * RDFPatch last = log.patch(log.latest().orElseThrow().number());
 * }</pre>
 */
public final class VersionLog {
    /** A version of the data: its number (from 1) and when it was recorded. */
    public record Version(long number, Instant time) {}

    /** Patch header keys: the version's number and time, beside RDF Patch's own {@code id} and {@code prev}. */
    static final String VERSION = "version";
    static final String TIME = "time";
    private static final Pattern FILE = Pattern.compile("(\\d{8})\\.rdfp\\.gz");
    private static final String PENDING = "pending.rdfp.gz";
    /** The gzipped patch files, in bytes, whose patches are kept once read (a tenth to a twentieth of their text). */
    private static final long CACHED_BYTES = 8L << 20;
    /** A patch file larger than this is streamed each time it is replayed, never collected in memory. */
    private static final long STREAMED_BYTES = 1L << 20;

    private final Path folder;
    private final List<Version> versions = new CopyOnWriteArrayList<>();
    private final Map<Long, RDFPatch> inMemory = new ConcurrentHashMap<>();
    /** Patches read back, weighed by the size of their file: a version of the whole data is never kept. */
    private final Cache<Long, RDFPatch> read = Caffeine.newBuilder().maximumWeight(CACHED_BYTES)
            .weigher((Long n, RDFPatch p) -> (int) Math.min(Integer.MAX_VALUE, fileSize(n))).build();
    /** Held to commit and record a version, and to begin a read that must know its version. */
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock(true);
    private volatile Recording recording;
    /** The version written but not yet published: between the patch and the store's commit. */
    private Version pending;
    private RDFPatch pendingPatch;

    private VersionLog(Path folder) {
        this.folder = folder;
    }

    /** A log kept in memory, gone when the process ends: for a dataset that lives as long. */
    public static VersionLog inMemory() {
        return new VersionLog(null);
    }

    /**
     * The log kept in {@code folder} (created when missing). A pending patch left by a killed process is settled by
     * {@link #recording}, which sees the store.
     *
     * @throws IllegalStateException when the folder holds a gap in the numbers or a patch without its header
     */
    public static VersionLog open(Path folder) {
        Objects.requireNonNull(folder, "folder");
        VersionLog log = new VersionLog(folder);
        try {
            Files.createDirectories(folder);
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
            }
            for (Path file : files) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                m.matches();
                long number = Long.parseLong(m.group(1));
                if (number != log.versions.size() + 1) {
                    throw new IllegalStateException("the version log " + folder + " lacks version " + (log.versions.size() + 1)
                            + " (it has " + file.getFileName() + "): it was changed by hand, restore it from a backup");
                }
                PatchHeader header;
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    header = RDFPatchOps.readHeader(in);
                }
                log.versions.add(new Version(number, time(header, file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version log " + folder + ": " + e.getMessage(), e);
        }
        return log;
    }

    private static Instant time(PatchHeader header, Path file) {
        Node t = header.get(TIME);
        try {
            if (t != null && t.isLiteral()) return Instant.parse(t.getLiteralLexicalForm());
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalStateException("the version patch " + file + " has no time in its header (H " + TIME + ")");
    }

    /** The log of a dataset returned by {@link #recording}, if it is one. */
    public static Optional<VersionLog> of(DatasetGraph dataset) {
        return dataset instanceof Recording r ? Optional.of(r.log) : Optional.empty();
    }

    /**
     * The dataset whose committed writes become versions of this log. A pending patch left by a killed process is
     * settled first; then, when the log is empty and {@code base} is not, its content becomes version 1.
     *
     * @throws IllegalStateException when the pending patch is in the store only in part (the store was changed
     *                               outside this log), or the log already records another dataset
     */
    public synchronized DatasetGraph recording(DatasetGraph base) {
        Objects.requireNonNull(base, "base");
        if (recording != null) {
            if (recording.getWrapped() == base) return recording;
            throw new IllegalStateException("this version log already records another dataset");
        }
        settlePending(base);
        if (versions.isEmpty()) Txn.executeRead(base, () -> snapshot(base));
        recording = new Recording(base, this);
        return recording;
    }

    /** Every version, oldest first. */
    public List<Version> versions() {
        return List.copyOf(versions);
    }

    /** The newest version, if any. */
    public Optional<Version> latest() {
        int n = versions.size();
        return n == 0 ? Optional.empty() : Optional.of(versions.get(n - 1));
    }

    /** The newest version's number, or 0 when there is none. */
    public long latestNumber() {
        return versions.size();
    }

    /** The newest version recorded at or before {@code time}, if any. */
    public Optional<Version> at(Instant time) {
        Version found = null;
        for (Version v : versions) {
            if (v.time().isAfter(time)) break;
            found = v;
        }
        return Optional.ofNullable(found);
    }

    /**
     * The patch from the version before {@code number} to it, whole in memory: for a small version. A version of the
     * whole data (version 1) is better {@linkplain #replay replayed}.
     *
     * @throws IllegalArgumentException when there is no such version
     */
    public RDFPatch patch(long number) {
        if (number < 1 || number > versions.size()) throw new IllegalArgumentException("no version " + number);
        if (folder == null) return inMemory.get(number);
        return read.get(number, n -> {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(fileOf(n)), 1 << 16)) {
                return RDFPatchOps.collect(RDFPatchOps.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read version " + n + " of " + folder + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * Sends the changes of version {@code number}'s patch, in order, to {@code changes}: from memory when the patch is
     * small (read once and kept), else streamed from its file, so that a patch of millions of changes costs one pass
     * over its file and no memory.
     *
     * @throws IllegalArgumentException when there is no such version
     */
    public void replay(long number, RDFChanges changes) {
        Objects.requireNonNull(changes, "changes");
        if (number < 1 || number > versions.size()) throw new IllegalArgumentException("no version " + number);
        RDFPatch held = folder == null ? inMemory.get(number) : read.getIfPresent(number);
        if (held == null && fileSize(number) <= STREAMED_BYTES) held = patch(number);
        if (held != null) {
            held.apply(changes);
            return;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fileOf(number)), 1 << 16)) {
            new RDFPatchReaderText(in).apply(changes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version " + number + " of " + folder + ": " + e.getMessage(), e);
        }
    }

    private long fileSize(long number) {
        try {
            return Files.size(fileOf(number));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version " + number + " of " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} in a read transaction of the recorded dataset, given the number of the version that
     * transaction sees (0 when none is recorded yet).
     */
    public <T> T read(LongFunction<T> action) {
        Recording dsg = Objects.requireNonNull(recording, "the log records no dataset yet");
        long number;
        commits.readLock().lock();
        try {
            dsg.begin(ReadWrite.READ);
            number = latestNumber();
        } finally {
            commits.readLock().unlock();
        }
        try {
            return action.apply(number);
        } finally {
            dsg.end();
        }
    }

    /**
     * A log without versions over a dataset with data (a database made before versions were kept, or an in-memory
     * dataset filled first): its content becomes version 1, streamed from the store to the patch file (in memory
     * only for an in-memory log). Called in a read transaction.
     */
    private void snapshot(DatasetGraph base) {
        Iterator<Quad> quads = base.find();
        if (!quads.hasNext()) return;
        Instant time = Instant.now();
        if (folder == null) {
            RDFChangesCollector c = new RDFChangesCollector();
            begin(c, 1, time);
            quads.forEachRemaining(q -> c.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
            c.txnCommit();
            publish(new Version(1, time), c.getRDFPatch());
            return;
        }
        Path file = fileOf(1);
        try {
            AtomicFile.write(file, out -> {
                RDFChangesWriterText w = RDFChangesWriterText.create(out);
                begin(w, 1, time);
                quads.forEachRemaining(q -> w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
                w.txnCommit();
                w.finish();
            });
            syncFolder();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the version patch " + file + ": " + e.getMessage(), e);
        }
        publish(new Version(1, time), null);
    }

    /** A version's header and the start of its transaction. */
    private static void begin(RDFChanges c, long number, Instant time) {
        c.header(RDFPatchConst.ID, id(number));
        if (number > 1) c.header(RDFPatchConst.PREV, id(number - 1));
        c.header(VERSION, NodeFactory.createLiteralDT(Long.toString(number), XSDDatatype.XSDinteger));
        c.header(TIME, NodeFactory.createLiteralDT(time.toString(), XSDDatatype.XSDdateTime));
        c.txnBegin();
    }

    /** The changes of one version, in the order they were made. */
    private static void body(RDFChanges c, Map<Quad, Boolean> changes) {
        changes.forEach((q, add) -> {
            if (add) c.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
            else c.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
        });
    }

    /** A version's patch id: stable, so the chain of {@code prev} links is the same on every machine. */
    private static Node id(long number) {
        return NodeFactory.createURI("urn:x-ibcr:version:" + number);
    }

    private Path fileOf(long number) {
        return folder == null ? null : folder.resolve(String.format("%08d.rdfp.gz", number));
    }

    /** Writes the patch of a version straight from its changes, all or nothing. */
    private void write(Path file, long number, Instant time, Map<Quad, Boolean> changes) {
        try {
            AtomicFile.write(file, out -> {
                RDFChangesWriterText w = RDFChangesWriterText.create(out);
                begin(w, number, time);
                body(w, changes);
                w.txnCommit();
                w.finish();
            });
            syncFolder();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the version patch " + file + ": " + e.getMessage(), e);
        }
    }

    private void syncFolder() {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some systems cannot open a folder for syncing; the file itself is synced
        }
    }

    private void publish(Version version, RDFPatch patch) {
        if (folder == null) inMemory.put(version.number(), patch);
        versions.add(version);
    }

    /** Before the store commits: the version is numbered, timed and (on disk) written as the pending patch. */
    private void prepare(Map<Quad, Boolean> changes) {
        long number = versions.size() + 1;
        Instant now = Instant.now();
        Instant previous = latest().map(Version::time).orElse(Instant.EPOCH);
        Instant time = now.isAfter(previous) ? now : previous.plusMillis(1);
        if (folder != null) {
            // Written from the changes themselves: a change of the whole data is not copied once more in memory.
            write(folder.resolve(PENDING), number, time, changes);
            pendingPatch = null;
        } else {
            RDFChangesCollector c = new RDFChangesCollector();
            begin(c, number, time);
            body(c, changes);
            c.txnCommit();
            pendingPatch = c.getRDFPatch();
        }
        pending = new Version(number, time);
    }

    /** After the store committed: the pending version becomes the newest. */
    private void committed() {
        if (pending == null) return;
        if (folder != null) {
            try {
                Files.move(folder.resolve(PENDING), fileOf(pending.number()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                syncFolder();
            } catch (IOException e) {
                // The store holds the change: the pending patch is kept and settled at the next start.
                throw new UncheckedIOException("the data was committed but its version " + pending.number()
                        + " could not be named in " + folder + " (it is settled at the next start): " + e.getMessage(), e);
            }
        }
        publish(pending, pendingPatch);
        pending = null;
        pendingPatch = null;
    }

    /** The store did not commit: the pending patch goes. */
    private void dropped() {
        pending = null;
        pendingPatch = null;
        if (folder == null) return;
        try {
            Files.deleteIfExists(folder.resolve(PENDING));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder.resolve(PENDING) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts version 1 of a new log in {@code folder} (which holds no version yet), to be fed the quads of a new
     * database as its loader is: see {@link FirstVersion}. Its time is now, when the data it holds is read.
     *
     * @throws IOException when the patch file cannot be created
     */
    public static FirstVersion firstVersion(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Files.createDirectories(folder);
        return new FirstVersion(folder.resolve(String.format("%08d.rdfp.gz", 1)), Instant.now());
    }

    /**
     * Version 1 of a new database, written while it is loaded: every quad given to {@link #add(Quad)} becomes an add
     * of its patch, formatted and gzipped (at the fastest level) on a thread of its own, in the order given. Memory
     * stays flat: a bounded queue between the loader's thread and the writer. The file is written in place, not
     * atomically: it belongs in a folder that is published whole or not at all (the database's, built by
     * {@link TdbStore#create}). A quad given twice is added twice, which changes nothing when the patch is applied.
     *
     * <pre>{@code
     * VersionLog.FirstVersion v1 = VersionLog.firstVersion(newDb.resolve("versions"));
     * quads.forEach(q -> { v1.add(q); loader.quad(q); });
     * v1.complete(); // then VersionLog.open(newDb.resolve("versions")) has version 1
     * }</pre>
     */
    public static final class FirstVersion {
        private final Path file;
        private final PatchStream patch;
        private final BackgroundStreamRDF writer;
        private long quads;
        private boolean started;

        private FirstVersion(Path file, Instant time) throws IOException {
            this.file = file;
            this.patch = new PatchStream(file, time);
            this.writer = BackgroundStreamRDF.around(patch);
        }

        /** One quad of the new data (a triple of the default graph is a quad of {@link Quad#defaultGraphIRI}). */
        public void add(Quad quad) {
            if (!started) {
                writer.start();
                started = true;
            }
            quads++;
            writer.quad(quad);
        }

        /** One triple of the default graph. */
        public void add(Triple triple) {
            add(Quad.create(Quad.defaultGraphIRI, triple));
        }

        /**
         * Ends the patch and waits until it is written; a load that had no quad leaves no patch (no version).
         *
         * @return whether a version was written
         * @throws IOException when the patch could not be written
         */
        public boolean complete() throws IOException {
            try {
                if (started) writer.finish();
            } catch (RuntimeException | Error e) {
                try {
                    patch.close(false);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            patch.close(started);
            if (quads == 0) Files.deleteIfExists(file);
            return quads > 0;
        }

        /** After the load failed: stops the writer and leaves the unfinished file to the folder's removal. */
        public void abort() {
            patch.aborted = true;
            try {
                if (started) writer.finish(); // drains the few batches in flight, then closes without a commit
            } catch (RuntimeException | Error e) {
                // the load failed already; this failure adds nothing
            }
            try {
                patch.close(false);
            } catch (IOException e) {
                // as above
            }
        }
    }

    /** The stream the writer thread of {@link FirstVersion} feeds: each quad an add of the patch. */
    private static final class PatchStream extends StreamRDFBase {
        private final OutputStream out;
        private final RDFChangesWriterText changes;
        private volatile boolean aborted;
        private boolean closed;

        PatchStream(Path file, Instant time) throws IOException {
            // Level 1: at millions of quads the patch must be written as fast as the loader reads; it compresses
            // about as well for these repetitive lines.
            this.out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            this.changes = RDFChangesWriterText.create(out);
            begin(changes, 1, time);
        }

        @Override
        public void quad(Quad q) {
            if (aborted) return;
            Node g = q.getGraph();
            changes.add(g == null || Quad.isDefaultGraph(g) ? Quad.defaultGraphIRI : g, q.getSubject(), q.getPredicate(), q.getObject());
        }

        @Override
        public void triple(Triple t) {
            quad(Quad.create(Quad.defaultGraphIRI, t));
        }

        /** Writes the commit (when the load succeeded) and closes the file. */
        synchronized void close(boolean commit) throws IOException {
            if (closed) return;
            closed = true;
            try {
                if (commit && !aborted) changes.txnCommit();
                changes.finish();
            } finally {
                out.close();
            }
        }
    }

    /** A pending patch left by a killed process: kept if the store holds all of it, dropped if none. */
    private void settlePending(DatasetGraph base) {
        if (folder == null) return;
        Path file = folder.resolve(PENDING);
        if (!Files.exists(file)) return;
        RDFPatch patch;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            patch = RDFPatchOps.collect(RDFPatchOps.read(in));
        } catch (IOException | RuntimeException e) {
            // Written atomically: a pending patch that does not read was never complete, so nothing was committed.
            dropped();
            return;
        }
        long number = versions.size() + 1;
        Node n = patch.header().get(VERSION);
        if (n == null || !n.isLiteral() || Long.parseLong(n.getLiteralLexicalForm()) != number) {
            throw new IllegalStateException("the pending version in " + file + " is not version " + number
                    + " of the log: it was changed by hand, restore the database and its log from a backup");
        }
        int[] inStore = new int[2]; // [changes the store shows, changes it does not]
        Txn.executeRead(base, () -> patch.apply(new Checker(base, inStore)));
        if (inStore[1] == 0 && inStore[0] > 0) {
            try {
                Files.move(file, fileOf(number), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                syncFolder();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot name version " + number + " in " + folder + ": " + e.getMessage(), e);
            }
            versions.add(new Version(number, time(patch.header(), file)));
        } else if (inStore[0] == 0) {
            dropped();
        } else {
            throw new IllegalStateException("the database holds only part of the pending version " + number + " in " + file
                    + " (" + inStore[0] + " of its changes, not " + inStore[1] + "): it was changed outside ibcr-kg");
        }
    }

    /** Counts the changes of a patch the store shows (an add present, a delete absent) and those it does not. */
    private record Checker(DatasetGraph base, int[] counts) implements RDFChanges {
        @Override
        public void add(Node g, Node s, Node p, Node o) {
            counts[base.contains(g, s, p, o) ? 0 : 1]++;
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            counts[base.contains(g, s, p, o) ? 1 : 0]++;
        }

        @Override public void header(String field, Node value) {}
        @Override public void addPrefix(Node gn, String prefix, String uriStr) {}
        @Override public void deletePrefix(Node gn, String prefix) {}
        @Override public void txnBegin() {}
        @Override public void txnCommit() {}
        @Override public void txnAbort() {}
        @Override public void segment() {}
        @Override public void start() {}
        @Override public void finish() {}
    }

    /**
     * Collects the real changes of one write transaction: a quad added that was absent, or deleted that was there
     * (asked before the change reaches the store), and a change undone in the same transaction cancels out.
     */
    private static final class Changes implements RDFChanges {
        private final DatasetGraph base;
        private final VersionLog log;
        private final Map<Quad, Boolean> changes = new LinkedHashMap<>();

        Changes(DatasetGraph base, VersionLog log) {
            this.base = base;
            this.log = log;
        }

        private static Node graph(Node g) {
            return g == null || Quad.isDefaultGraph(g) ? Quad.defaultGraphIRI : g;
        }

        @Override
        public void add(Node g, Node s, Node p, Node o) {
            Node name = graph(g);
            if (!base.contains(name, s, p, o)) toggle(Quad.create(name, s, p, o), true);
        }

        @Override
        public void delete(Node g, Node s, Node p, Node o) {
            Node name = graph(g);
            if (base.contains(name, s, p, o)) toggle(Quad.create(name, s, p, o), false);
        }

        private void toggle(Quad q, boolean add) {
            if (changes.remove(q) == null) changes.put(q, add);
        }

        @Override
        public void txnBegin() {
            changes.clear();
        }

        @Override
        public void txnCommit() {
            if (!changes.isEmpty()) log.prepare(changes);
            changes.clear();
        }

        @Override
        public void txnAbort() {
            changes.clear();
        }

        @Override public void header(String field, Node value) {}
        @Override public void addPrefix(Node gn, String prefix, String uriStr) {}
        @Override public void deletePrefix(Node gn, String prefix) {}
        @Override public void segment() {}
        @Override public void start() {}
        @Override public void finish() {}
    }

    /**
     * The dataset that records its writes. Not a view: queries see through it to the dataset beneath; writes,
     * commits and aborts go through it.
     */
    private static final class Recording extends DatasetGraphChanges {
        private final VersionLog log;

        Recording(DatasetGraph base, VersionLog log) {
            super(base, new Changes(base, log));
            this.log = log;
        }

        @Override
        public void commit() {
            boolean write = isInTransaction() && transactionMode() == ReadWrite.WRITE;
            if (!write) {
                super.commit();
                return;
            }
            log.commits.writeLock().lock();
            try {
                try {
                    super.commit(); // the pending patch is written first (Changes.txnCommit), then the store commits
                } catch (RuntimeException | Error e) {
                    if (log.pending != null) log.settleAfterFailedCommit(getWrapped());
                    throw e;
                }
                log.committed();
            } finally {
                log.commits.writeLock().unlock();
            }
        }

        @Override
        public void abort() {
            super.abort();
            if (log.pending != null) log.dropped();
        }
    }

    /** The store's commit failed after the patch was written: keep the version only if the store holds it. */
    private void settleAfterFailedCommit(DatasetGraph base) {
        int[] inStore = new int[2];
        try {
            Txn.executeRead(base, () -> {
                if (pendingPatch != null) {
                    pendingPatch.apply(new Checker(base, inStore));
                    return;
                }
                try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve(PENDING)), 1 << 16)) {
                    new RDFPatchReaderText(in).apply(new Checker(base, inStore));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            return; // the store cannot be read: the pending patch stays and is settled at the next start
        }
        if (inStore[1] == 0) committed();
        else dropped();
    }

    @Override
    public String toString() {
        List<Long> numbers = new ArrayList<>();
        versions.forEach(v -> numbers.add(v.number()));
        return "VersionLog" + (folder == null ? "(memory)" : "(" + folder + ")") + numbers;
    }
}
