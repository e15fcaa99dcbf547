package org.ibcr.kg.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value chosen among the names of an enum's constants: converted by the enum's own lookup (so aliases
 * it accepts keep working), and listed by {@code ${COMPLETION-CANDIDATES}} in help, in shell completion and in
 * the message of a bad value (picocli makes that a usage error, exit 2). Subclasses name the enum:
 *
 * <pre>{@code
 * static final class Views extends Choice<View> {
 *     Views() { super("view", View.values(), View::code, View::byCode); }
 * }
 * @Option(names = "--view", converter = Views.class, completionCandidates = Views.class) View view;
 * }</pre>
 */
abstract class Choice<T> implements ITypeConverter<T>, Iterable<String> {
    private final String what;
    private final List<String> names;
    private final Function<String, Optional<T>> lookup;

    Choice(String what, T[] values, Function<T, String> name, Function<String, Optional<T>> lookup) {
        this.what = what;
        this.names = Arrays.stream(values).map(name).toList();
        this.lookup = lookup;
    }

    @Override
    public T convert(String value) {
        return lookup.apply(value).orElseThrow(() -> new TypeConversionException("unknown " + what + " '" + value + "': use " + names()));
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }

    /** The names as a sentence: {@code a, b or c}. */
    String names() {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
