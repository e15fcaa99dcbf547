package org.ibcr.kg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the command lines of the child JVMs, so that every peer starts alike: the same {@code java}, a fresh JVM,
 * the heap limit asked for and a GC log. Our tool runs as the shaded jar when there is one (what users run), else
 * from the test classpath; the peers (RIOT, CARML, tdb2.tdbloader, stock Fuseki) run from the test classpath.
 *
 * <pre>{@code
 * Launcher java = Launcher.create().jar(Path.of("target/ibcr-kg.jar"));
 * List<String> cmd = java.ours("512m", gcLog, "convert", "--no-validate", "-o", "out.nt");
 * }</pre>
 */
public final class Launcher {
    /** Our command line's main class. */
    public static final String OURS = "org.ibcr.kg.cli.Main";

    private final String java;
    private final String classpath;
    private Path jar;
    private boolean jfr;

    private Launcher(String java, String classpath) {
        this.java = java;
        this.classpath = classpath;
    }

    /** The java of this JVM and this JVM's classpath (the test classpath when run by Maven). */
    public static Launcher create() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Launcher(java, System.getProperty("java.class.path"));
    }

    /** Runs our tool from this jar instead of the classpath (ignored if the file does not exist). */
    public Launcher jar(Path jar) {
        this.jar = jar != null && Files.isRegularFile(jar) ? jar : null;
        return this;
    }

    /** Records a JFR profile of each of our runs that has a GC log, beside it as {@code NAME.jfr}. */
    public Launcher jfr(boolean jfr) {
        this.jfr = jfr;
        return this;
    }

    /** How our tool is started, for the report. */
    public String oursDescription() {
        if (jar == null) return "java -cp <test classpath> " + OURS;
        Path archive = classArchive();
        return "java -jar " + jar + (archive == null ? "" : " (the start-up rows also as the README: with -XX:SharedArchiveFile=" + archive + ")");
    }

    public String java() {
        return java;
    }

    /**
     * The class-data sharing archive the build writes beside the jar ({@code ibcr-kg.jsa}, see
     * {@code org.ibcr.kg.cli.StartupTraining}), or null when there is no jar or no archive.
     */
    public Path classArchive() {
        if (jar == null) return null;
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".jsa"));
        return Files.isRegularFile(archive) ? archive : null;
    }

    /** {@code java <heap, gc log> -XX:SharedArchiveFile=ibcr-kg.jsa -jar ibcr-kg.jar args}: the README's way. */
    public List<String> oursWithArchive(String heap, Path gcLog, String... args) {
        Path archive = classArchive();
        if (archive == null) throw new IllegalStateException("no class archive beside the jar: run 'mvn package'");
        List<String> cmd = ours(heap, gcLog, args);
        cmd.add(cmd.indexOf("-jar"), "-XX:SharedArchiveFile=" + archive);
        return cmd;
    }

    /** {@code java <heap, gc log> -jar ibcr-kg.jar args} (or the main class on the classpath). */
    public List<String> ours(String heap, Path gcLog, String... args) {
        List<String> cmd = jvm(heap, gcLog);
        if (jfr && gcLog != null) {
            String name = gcLog.getFileName().toString().replace(".gc.log", ".jfr");
            cmd.add("-XX:StartFlightRecording:settings=profile,filename=" + gcLog.resolveSibling(name));
        }
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(OURS);
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code java <heap, gc log> -cp <test classpath> mainClass args}. */
    public List<String> peer(String heap, Path gcLog, String mainClass, String... args) {
        Objects.requireNonNull(mainClass, "mainClass");
        List<String> cmd = jvm(heap, gcLog);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private List<String> jvm(String heap, Path gcLog) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx" + Objects.requireNonNull(heap, "heap"));
        if (gcLog != null) cmd.add(HeapUse.logOption(gcLog));
        return cmd;
    }
}
