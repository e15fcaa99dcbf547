package org.ibcr.kg.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.apache.jena.query.QueryParseException;
import org.ibcr.kg.source.DataException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ibcr-kg} command. {@link #run} is the factory tests use to capture the exit code and
 * both output streams without starting a process.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
 * int code = Main.run(out, err, "validate", "--data", "data");
 * }</pre>
 */
@Command(name = "ibcr-kg", usageHelpWidth = 110,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Publishes the history of the International Bureau for Children's Rights as linked data: reads the curated",
            "CSV tables of data/, converts them to RDF, validates them with SHACL, queries, loads and serves them.",
            ""},
        subcommands = {ConvertCommand.class, ValidateCommand.class, QueryCommand.class, GraphCommand.class, LoadCommand.class, ServeCommand.class,
                GenerateCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:failure: bad data (file:line:column says where), or a file that cannot be read or written",
            "2:usage: unknown option or bad value",
            "3:the data does not conform to the SHACL shapes"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg convert --output ibcr.ttl          convert data/ to Turtle",
            "  ibcr-kg convert --output ibcr.nt.gz        ... to gzipped N-Triples",
            "  ibcr-kg validate                           check data/ against the shapes",
            "  ibcr-kg query queries/01-timeline.rq       run a SPARQL query over the graph",
            "  ibcr-kg graph --output actors.gexf         the network of actors, for Gephi",
            "  ibcr-kg generate --scale 100 --output gen  synthetic data 100 times larger, for benchmarks"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try convert, validate or query");
    }

    /** Standard output as bytes, for commands that write RDF (possibly compressed) to it. */
    OutputStream stdout;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line and returns its exit code; writes only to {@code stdout} and {@code stderr}. */
    public static int run(OutputStream stdout, OutputStream stderr, String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        Main main = new Main();
        main.stdout = stdout;
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        // A usage error says what is wrong and where help is, without burying it under the whole help text.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter w = ex.getCommandLine().getErr();
            w.println("error: " + ex.getMessage());
            w.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options and examples.");
            w.flush();
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (e instanceof NotConformingException n) {
                w.print(n.result().describe());
                w.println("Nothing was written, loaded or served: fix the rows above ('ibcr-kg validate' lists them).");
                w.flush();
                return ExitCode.NOT_CONFORMING;
            } else if (e instanceof DataException d) {
                w.println("error: " + d.describe());
            } else if (e instanceof QueryParseException q) {
                w.println("error: the query does not parse: " + q.getMessage());
            } else if (Failures.explain(e) != null) {
                w.println("error: " + Failures.explain(e));
            } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
                w.println("error: " + e.getMessage());
            } else {
                w.println("error: " + e);
                if (Boolean.getBoolean("ibcr.debug")) e.printStackTrace(w);
                else w.println("(run java with -Dibcr.debug=true to see where)");
            }
            w.flush();
            return ExitCode.FAILURE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
