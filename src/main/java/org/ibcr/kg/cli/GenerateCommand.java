package org.ibcr.kg.cli;

import java.io.PrintWriter;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.ibcr.kg.generate.HistoryGenerator;
import org.ibcr.kg.source.Table;
import org.ibcr.kg.write.AtomicFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg generate}: a synthetic data folder shaped like data/, N times larger, for tests and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Write a synthetic data folder shaped like data/, N times larger, for tests and benchmarks.",
        description = {
            "Writes the CSV tables of a data folder with invented content: scale N holds N blocks, each with",
            "as many rows per table as the real data (33 milestones, 41 organisations and groups, 75",
            "participations, 96 milestone links, 12 works, 29 topics...), English and French text, and",
            "references that resolve, mostly within a block and some across blocks. Scale 1 converts to",
            "about 4,300 triples, scale 3000 to about 10 million. Fixed in size: roles.csv (the 17 real",
            "roles) and dataset.csv (one row); countries grow up to 676, one per two-letter code.",
            "External identifiers (Wikidata, GeoNames, coordinates) are left empty.",
            "",
            "The same --scale and --seed give byte-identical files. The folder is written whole or not at",
            "all: built beside DIR, then renamed into place. A non-empty DIR is left alone unless --force.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg generate --scale 1 --output gen1                 about the size of data/",
            "  ibcr-kg generate --scale 20 --seed 7 --output gen20      other data, 20 times larger",
            "  ibcr-kg convert --data gen20 --output gen20.ttl          converts and validates",
            "  ibcr-kg generate --scale 3000 --output big --force       about 10 million triples...",
            "  ibcr-kg convert --data big --no-validate -f ntriples -o big.nt   ...streamed, flat memory"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--scale"}, paramLabel = "N", required = true,
            description = "How many times the real data's size (at least 1).")
    int scale;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + HistoryGenerator.DEFAULT_SEED,
            description = "Seed of the random choices (default: ${DEFAULT-VALUE}); another seed, other data.")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Folder to write the tables into; created if missing, refused if not empty (see --force).")
    Path output;

    @Option(names = "--force", description = "Replace the tables of a non-empty DIR, once the new folder is complete; "
            + "only a folder holding nothing but .csv files is replaced.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    /** The name of an entry of {@code folder} other than a .csv file, or null. */
    private static String notATable(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) return null;
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> !(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && p.getFileName().toString().endsWith(".csv")))
                    .map(p -> p.getFileName().toString()).sorted().findFirst().orElse(null);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (scale < 1) throw new ParameterException(spec.commandLine(), "--scale must be at least 1, not " + scale);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new ParameterException(spec.commandLine(), "--output " + output + " is a file, not a folder");
        }
        if (!force && AtomicFolder.isNonEmptyFolder(output)) {
            throw new ParameterException(spec.commandLine(), "--output " + output
                    + " is a folder that is not empty: nothing was written; choose another folder, or add --force to replace its content");
        }
        if (force) {
            // --force replaces generated tables, never a folder holding anything else (data/ with its README, a home folder).
            String other = notATable(output);
            if (other != null) {
                throw new ParameterException(spec.commandLine(), "--output " + output + " holds " + other
                        + ", which is not a CSV table: --force replaces only a folder of .csv files; nothing was written");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        HistoryGenerator generator = HistoryGenerator.ofScale(scale).seed(seed);
        if (!quiet) generator = generator.progress(line -> err.println("  " + line));
        if (!quiet) err.printf("Generating scale %d, seed %d into %s%n", scale, seed, output);
        long started = System.nanoTime();
        HistoryGenerator g = generator;
        AtomicReference<Map<Table, Long>> written = new AtomicReference<>();
        try {
            AtomicFolder.write(output, force, dir -> written.set(g.writeInto(dir)));
        } catch (DirectoryNotEmptyException e) {
            // Filled by someone else since the check above.
            throw new ParameterException(spec.commandLine(), "--output " + output + " is a folder that is not empty: nothing was written");
        }
        Map<Table, Long> rows = written.get();
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        PrintWriter out = spec.commandLine().getOut();
        for (Map.Entry<Table, Long> e : rows.entrySet()) out.printf("%-20s %,12d%n", e.getKey().fileName(), e.getValue());
        out.printf("%-20s %,12d%n", "total rows", total);
        out.flush();
        err.printf("Generated %d tables, %d rows, in %s in %d ms (scale %d, seed %d)%n", rows.size(), total, output,
                (System.nanoTime() - started) / 1_000_000, scale, seed);
        return ExitCode.OK;
    }
}
