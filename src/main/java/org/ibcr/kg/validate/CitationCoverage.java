package org.ibcr.kg.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.ibcr.kg.model.History;
import org.ibcr.kg.model.Origin;
import org.ibcr.kg.model.Records.Citation;
import org.ibcr.kg.model.Records.Sentence;
import org.ibcr.kg.model.Records.SentenceRef;

/**
 * How the facts of the data cover the sentences of the source, and the other way round: the sentences no
 * fact cites (each should say why it states no fact, such as being a heading), the facts that cite no
 * sentence (each should give a basis: a checked reference or a named inference), and the facts with a basis.
 * It fails on a fact with neither a sentence nor a basis, and on a sentence cited by no fact that gives no
 * reason.
 *
 * <p>Reads the fact tables as streams; it keeps the cited sentences and the facts it reports, never the rows.
 *
 * <pre>{@code
 * CitationCoverage.Report report = CitationCoverage.of(CsvHistory.open(Path.of("data")));
 * System.out.print(report.describe());
 * }</pre>
 */
public final class CitationCoverage {
    private CitationCoverage() {}

    /** A fact of the data: the row it comes from, what it says in a few words, and what it rests on. */
    public record Fact(Origin origin, String what, Citation citation) {}

    /** What the coverage check found. */
    public record Report(int sentences, int facts, List<Sentence> uncitedWithReason, List<Sentence> uncitedWithoutReason,
                         List<Fact> withBasis, List<Fact> citingNone, List<Fact> unfounded) {
        /** Whether every fact rests on a sentence or a basis, and every sentence no fact cites says why. */
        public boolean passes() {
            return unfounded.isEmpty() && uncitedWithoutReason.isEmpty();
        }

        /** The report as lines of text, each naming the row it is about. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append("Citation coverage: ").append(facts).append(" facts, ").append(sentences).append(" sentences of the source.\n");
            sb.append("\nSentences cited by no fact (").append(uncitedWithReason.size() + uncitedWithoutReason.size()).append("):\n");
            for (Sentence s : uncitedWithReason) {
                sb.append("  ").append(s.origin()).append(' ').append(s.section()).append('/').append(s.n())
                        .append(": states no fact (").append(s.reason().orElseThrow().code()).append(")\n");
            }
            for (Sentence s : uncitedWithoutReason) {
                sb.append("  ").append(s.origin()).append(' ').append(s.section()).append('/').append(s.n())
                        .append(": ERROR cited by no fact and no reason given: cite it, or say in the reason column why it states no fact\n");
            }
            sb.append("\nFacts that cite no sentence (").append(citingNone.size() + unfounded.size()).append("):\n");
            for (Fact f : citingNone) {
                sb.append("  ").append(f.origin()).append(' ').append(f.what()).append(": ").append(f.citation().basis().orElseThrow().kind().code())
                        .append(", ").append(f.citation().basis().orElseThrow().note().en()).append('\n');
            }
            for (Fact f : unfounded) {
                sb.append("  ").append(f.origin()).append(' ').append(f.what())
                        .append(": ERROR neither a sentence nor a basis: fill the cites column, or basis and basis_note_en\n");
            }
            sb.append("\nFacts with a basis other than the source (").append(withBasis.size()).append("):\n");
            for (Fact f : withBasis) {
                sb.append("  ").append(f.origin()).append(' ').append(f.what()).append(": ").append(f.citation().basis().orElseThrow().kind().code())
                        .append(", ").append(f.citation().basis().orElseThrow().note().en())
                        .append(f.citation().cites().isEmpty() ? "" : " (beside " + join(f.citation().cites()) + ")").append('\n');
            }
            sb.append('\n').append(passes() ? "Every fact cites a sentence or gives a basis, and every sentence no fact cites says why."
                    : (unfounded.size() + uncitedWithoutReason.size()) + " problem(s) of coverage.").append('\n');
            return sb.toString();
        }

        private static String join(List<SentenceRef> refs) {
            StringBuilder sb = new StringBuilder();
            for (SentenceRef r : refs) sb.append(sb.length() == 0 ? "" : " ").append(r);
            return sb.toString();
        }
    }

    /** Checks the coverage of a history's facts and sentences. */
    public static Report of(History history) {
        Objects.requireNonNull(history, "history");
        Set<SentenceRef> cited = new HashSet<>();
        List<Fact> withBasis = new ArrayList<>();
        List<Fact> citingNone = new ArrayList<>();
        List<Fact> unfounded = new ArrayList<>();
        int[] facts = {0};
        java.util.function.Consumer<Fact> check = f -> {
            facts[0]++;
            cited.addAll(f.citation().cites());
            if (f.citation().isEmpty()) unfounded.add(f);
            else if (f.citation().cites().isEmpty()) citingNone.add(f);
            if (f.citation().basis().isPresent()) withBasis.add(f);
        };
        each(history.milestones().map(m -> new Fact(m.origin(), "milestone " + m.id(), m.citation())), check);
        each(history.milestoneLinks().map(l -> new Fact(l.origin(), "milestone " + l.milestone() + " " + l.relation().code() + " " + l.target().slug(), l.citation())), check);
        each(history.participations().map(p -> new Fact(p.origin(), "participation " + p.slug(), p.citation())), check);
        each(history.quantities().map(q -> new Fact(q.origin(), "quantity " + q.id(), q.citation())), check);
        each(history.works().map(w -> new Fact(w.origin(), "work " + w.id(), w.citation())), check);
        each(history.workLinks().map(l -> new Fact(l.origin(), "work " + l.work() + " " + l.relation().code() + " " + l.target().slug(), l.citation())), check);
        List<Sentence> withReason = new ArrayList<>();
        List<Sentence> withoutReason = new ArrayList<>();
        int[] sentences = {0};
        each(history.sentences(), s -> {
            sentences[0]++;
            if (cited.contains(new SentenceRef(s.section(), s.n()))) return;
            (s.reason().isPresent() ? withReason : withoutReason).add(s);
        });
        return new Report(sentences[0], facts[0], List.copyOf(withReason), List.copyOf(withoutReason),
                List.copyOf(withBasis), List.copyOf(citingNone), List.copyOf(unfounded));
    }

    private static <T> void each(Stream<T> stream, java.util.function.Consumer<T> action) {
        try (stream) {
            stream.forEach(action);
        }
    }
}
