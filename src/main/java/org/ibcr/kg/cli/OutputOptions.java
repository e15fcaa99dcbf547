package org.ibcr.kg.cli;

import java.io.OutputStream;
import java.nio.file.Path;

import org.ibcr.kg.write.AtomicFile;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command's output goes: {@code -o/--output FILE}, written whole or not at all, or standard output.
 * Shared by {@code convert}, {@code graph} and {@code query}; each extends it with its own typed
 * {@code -f/--format}, which defaults to what the file's extension says.
 *
 * <pre>{@code
 * @Mixin RdfOutput output;
 * output.write(main.stdout, out -> writer.write(output.format(), out));
 * }</pre>
 */
abstract class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "File to write (default: standard output). It is replaced whole or not at all: on any error "
                    + "an existing file is left as it was. The extension picks the format unless --format does.")
    Path file;

    /** The file to write, or null for standard output. */
    Path file() {
        return file;
    }

    /**
     * Writes {@code body} to {@code stdout} (after whatever the command printed there) or atomically to the file,
     * compressed when its name ends in {@code .gz}.
     */
    void write(OutputStream stdout, AtomicFile.Body body) throws Exception {
        if (file == null) {
            spec.commandLine().getOut().flush();
            body.writeTo(stdout);
            stdout.flush();
        } else {
            AtomicFile.write(file, body);
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
