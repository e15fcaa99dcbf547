package org.ibcr.kg.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextHit;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.query.text.TextIndexLucene;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.query.text.analyzer.Util;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The full-text index of the served data: a jena-text Lucene index (in memory) of the labels, names, alternative
 * names, descriptions and definitions, each literal indexed three times, as it is (accents folded) and with the
 * English and the French analyser of {@link SearchAnalyzers} (jena-text's multilingual support: fields
 * {@code label}, {@code label_en}, {@code label_fr}...).
 *
 * <p>The index belongs to one version of the data: it is built on its first use, or at once on a thread of its own
 * after {@link #prepare} (as {@code serve} does at start-up), and built again, whole, on the first use after any
 * committed write (an update, a Graph Store write, a load into the same TDB2 store), so it is
 * never stale after a graph is replaced (jena-text's own incremental indexing misses graph removals, apache/jena
 * #1985). SPARQL's {@code text:query} finds it in the query context ({@link #registerWith}); the site's search page
 * calls {@link #search} and {@link #suggest}.
 *
 * <pre>{@code
 * SearchIndex index = SearchIndex.over(dataset, version::current).prepare();
 * index.registerWith(queryContext);
 * List<SearchIndex.Hit> hits = index.search("tribunaux", "fr", 50);
 * }</pre>
 */
public final class SearchIndex {
    /** The indexed fields: each a name in the index, its weight in the ranking, and the properties it holds. */
    public enum Field {
        LABEL("label", 4f, RDFS.label, SKOS.prefLabel, SchemaDO.name, DCTerms.title, FOAF.name),
        ALT_LABEL("altLabel", 3f, SKOS.altLabel, SchemaDO.alternateName),
        DESCRIPTION("description", 1f, SchemaDO.description, DCTerms.description, SKOS.definition);

        private final String name;
        private final float boost;
        private final List<Resource> properties;

        Field(String name, float boost, Resource... properties) {
            this.name = name;
            this.boost = boost;
            this.properties = List.of(properties);
        }

        /** Its name in the index, and in {@code text:query}'s results. */
        public String fieldName() {
            return name;
        }

        public List<Resource> properties() {
            return properties;
        }
    }

    /** The languages with an analyser of their own; a literal in another language is indexed as it is. */
    public static final List<String> LANGUAGES = List.of("en", "fr");
    /** The longest search text taken. */
    public static final int MAX_QUERY = 200;
    private static final int MAX_DOCS = 2000;
    private static final int SNIPPET = 160;
    private static final String MARK_START = "\uE000";
    private static final String MARK_END = "\uE001";
    private static final Analyzer NEUTRAL = SearchAnalyzers.neutral();
    private static final Map<String, Analyzer> BY_LANGUAGE = Map.of("en", SearchAnalyzers.english(), "fr", SearchAnalyzers.french());

    static {
        // jena-text's multilingual fields (label_fr...) take their analyser from this registry.
        BY_LANGUAGE.forEach(Util::addAnalyzer);
    }

    private final DatasetGraph dataset;
    private final LongSupplier version;
    private final TextIndex forSparql = new CurrentIndex();
    /** The latest build begun: the index of the current data, or of older data while a newer one is not begun. */
    private CompletableFuture<Snapshot> latest;

    private SearchIndex(DatasetGraph dataset, LongSupplier version) {
        this.dataset = dataset;
        this.version = version;
    }

    /**
     * Begins building the index of the current data now, on a thread of its own, rather than at the first search
     * (what {@code serve} does at start-up, so that its first search finds the index ready).
     */
    public SearchIndex prepare() {
        synchronized (this) {
            if (latest == null) latest = begin();
        }
        return this;
    }

    /** Builds on a thread of its own, so that a server answers its other requests while the index is made; the searches wait. */
    private CompletableFuture<Snapshot> begin() {
        long v = version.getAsLong();
        CompletableFuture<Snapshot> build = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                build.complete(build(v));
            } catch (Throwable e) {
                build.completeExceptionally(e);
            }
        }, "search-index");
        t.setDaemon(true);
        t.start();
        return build;
    }

    /**
     * Indexes the dataset now (its union graph) and again after each change of {@code version}.
     *
     * @param version the data version, which moves on every committed write (see the site's {@code DataVersion})
     */
    public static SearchIndex over(DatasetGraph dataset, LongSupplier version) {
        return new SearchIndex(Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(version, "version"));
    }

    /** An index of data that does not change while it is used (tests, the command line). */
    public static SearchIndex of(DatasetGraph dataset) {
        return over(dataset, () -> 0L);
    }

    /** Makes {@code text:query} use this index in queries run with this context. */
    public void registerWith(Context context) {
        context.set(TextQuery.textIndex, forSparql);
    }

    /**
     * The index of the current data: the one there is, or, when there is none yet, the data has changed since it was
     * begun, or its build failed, a new one, waited for.
     */
    private Snapshot current() {
        while (true) {
            CompletableFuture<Snapshot> build;
            synchronized (this) {
                build = latest;
                if (build == null || build.isCompletedExceptionally()
                        || (build.isDone() && build.join().version != version.getAsLong())) {
                    latest = build = begin();
                }
            }
            Snapshot s;
            try {
                s = build.join();
            } catch (CompletionException e) {
                synchronized (this) {
                    if (latest == build) latest = begin(); // the next caller tries again
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            if (s.version == version.getAsLong()) return s;
        }
    }

    /** How many literals the current index holds. */
    public int size() {
        return current().documents;
    }

    /** How long building the current index took. */
    public Duration buildTime() {
        return current().buildTime;
    }

    private static EntityDefinition definition() {
        EntityDefinition def = new EntityDefinition("uri", Field.LABEL.name);
        for (Field f : Field.values()) for (Resource p : f.properties) def.set(f.name, p.asNode());
        def.setLangField("lang");
        return def;
    }

    /** Reads the version before the data: an index made under a version holds that data or newer. */
    private Snapshot build(long v) {
        long start = System.nanoTime();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        TextIndexConfig config = new TextIndexConfig(definition());
        config.setAnalyzer(NEUTRAL);
        config.setMultilingualSupport(true);
        config.setValueStored(true);
        TextIndexLucene lucene = new TextIndexLucene(directory, config);
        int documents = Txn.calculateRead(dataset, () -> {
            Graph g = dataset.getUnionGraph();
            int n = 0;
            for (Field f : Field.values()) {
                for (Resource p : f.properties) {
                    var it = g.find(Node.ANY, p.asNode(), Node.ANY);
                    try {
                        while (it.hasNext()) {
                            var t = it.next();
                            Node o = t.getObject();
                            if (!o.isLiteral() || t.getSubject().isTripleTerm()) continue;
                            String lang = o.getLiteralLanguage();
                            Entity e = new Entity(TextQueryFuncs.subjectToString(t.getSubject()), null,
                                    lang.isEmpty() ? null : lang, o.getLiteralDatatype());
                            e.put(f.name, o.getLiteralLexicalForm());
                            lucene.addEntity(e);
                            n++;
                        }
                    } finally {
                        it.close();
                    }
                }
            }
            return n;
        });
        lucene.commit();
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            return new Snapshot(v, lucene, new IndexSearcher(reader), documents, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One version's index: jena-text's, and a searcher over it for the site. */
    private record Snapshot(long version, TextIndexLucene lucene, IndexSearcher searcher, int documents, Duration buildTime) {}

    // ---- the site's search

    /** A part of a snippet: text, matched or not. */
    public record Part(String text, boolean match) {}

    /**
     * A resource found: its IRI (or blank node label), its score, and the literal that matched best in the wanted
     * language (else in any), with its field, language and a snippet whose matched words are marked.
     */
    public record Hit(String iri, float score, Field field, String lang, String text, List<Part> snippet) {}

    /**
     * The resources whose labels, names or descriptions hold every word of {@code text} (in one literal; words in
     * double quotes, a phrase), in any language, best first: a label counts more than a description.
     *
     * @param lang  the reader's language: the snippet comes from a literal in it where one matched
     * @param limit the most resources returned
     */
    public List<Hit> search(String text, String lang, int limit) {
        String q = text.strip();
        boolean phrase = q.length() > 2 && q.startsWith("\"") && q.endsWith("\"");
        String words = phrase ? q.substring(1, q.length() - 1) : q;
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int clauses = 0;
        for (Field f : Field.values()) {
            for (String sub : subFields(f)) {
                QueryBuilder builder = new QueryBuilder(analyzer(sub));
                Query one = phrase ? builder.createPhraseQuery(sub, words) : builder.createBooleanQuery(sub, words, Occur.MUST);
                if (one == null) continue;
                any.add(new BoostQuery(one, f.boost), Occur.SHOULD);
                clauses++;
            }
        }
        if (clauses == 0) return List.of();
        return hits(current(), any.build(), lang, limit, true);
    }

    /**
     * The resources whose label or alternative name has a word starting with the last word of {@code text} and
     * holds the words before it, accents folded ("secu" finds "sécurité"), or holds every word in some form
     * ("tribunaux" finds "Tribunal"), best first.
     */
    public List<Hit> suggest(String text, String lang, int limit) {
        List<String> tokens = tokens(NEUTRAL, Field.LABEL.name, text);
        if (tokens.isEmpty()) return List.of();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Field f : List.of(Field.LABEL, Field.ALT_LABEL)) {
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            for (int i = 0; i < tokens.size() - 1; i++) all.add(new TermQuery(new Term(f.name, tokens.get(i))), Occur.MUST);
            all.add(new PrefixQuery(new Term(f.name, tokens.get(tokens.size() - 1))), Occur.MUST);
            any.add(new BoostQuery(all.build(), f.boost), Occur.SHOULD);
            // and whole words in another form: "tribunaux" suggests "Tribunal hearing in Paris"
            for (String l : LANGUAGES) {
                Query words = new QueryBuilder(BY_LANGUAGE.get(l)).createBooleanQuery(f.name + "_" + l, text, Occur.MUST);
                if (words != null) any.add(new BoostQuery(words, f.boost), Occur.SHOULD);
            }
        }
        // no snippet: a suggestion shows its label, and marking prefixes would rewrite the query for every literal
        return hits(current(), any.build(), lang, limit, false);
    }

    private List<Hit> hits(Snapshot s, Query query, String lang, int limit, boolean snippets) {
        try {
            ScoreDoc[] docs = s.searcher.search(query, MAX_DOCS).scoreDocs;
            var stored = s.searcher.storedFields();
            // One resource per entity, in the order of its best literal; the snippet from the best in the reader's language.
            Map<String, Hit> best = new LinkedHashMap<>();
            Map<String, Boolean> inLanguage = new LinkedHashMap<>();
            for (ScoreDoc sd : docs) {
                Document doc = stored.document(sd.doc);
                String iri = doc.get("uri");
                String docLang = doc.get("lang");
                boolean wanted = docLang == null || docLang.equals(lang);
                Hit kept = best.get(iri);
                if (kept != null && (inLanguage.get(iri) || !wanted)) continue;
                if (kept == null && best.size() >= limit) continue;
                Field field = fieldOf(doc);
                if (field == null) continue;
                String value = doc.get(field.name);
                Hit hit = new Hit(iri, kept == null ? sd.score : kept.score(), field, docLang, value,
                        snippets ? snippet(query, field, docLang, value) : List.of(new Part(value, false)));
                best.put(iri, hit);
                inLanguage.put(iri, wanted);
            }
            return List.copyOf(best.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Field fieldOf(Document doc) {
        for (Field f : Field.values()) if (doc.get(f.name) != null) return f;
        return null;
    }

    private static List<String> subFields(Field f) {
        List<String> subs = new ArrayList<>(List.of(f.name));
        for (String l : LANGUAGES) subs.add(f.name + "_" + l);
        return subs;
    }

    private static Analyzer analyzer(String subField) {
        int cut = subField.lastIndexOf('_');
        return cut < 0 ? NEUTRAL : BY_LANGUAGE.get(subField.substring(cut + 1));
    }

    /** The value around its matched words, marked; the value itself (shortened) when no word is marked. */
    private static List<Part> snippet(Query query, Field field, String lang, String value) {
        String clean = value.replace(MARK_START, "").replace(MARK_END, "");
        List<String> fields = new ArrayList<>();
        if (lang != null && BY_LANGUAGE.containsKey(lang)) fields.add(field.name + "_" + lang);
        fields.add(field.name);
        for (String sub : fields) {
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(MARK_START, MARK_END), new QueryScorer(query, sub));
            highlighter.setTextFragmenter(new SimpleFragmenter(SNIPPET));
            try {
                String fragment = highlighter.getBestFragment(analyzer(sub), sub, clean);
                if (fragment != null) return parts(fragment, !clean.startsWith(fragment.replace(MARK_START, "").replace(MARK_END, "")));
            } catch (IOException | InvalidTokenOffsetsException e) {
                break;
            }
        }
        String shortened = clean.length() <= SNIPPET ? clean : clean.substring(0, clean.lastIndexOf(' ', SNIPPET) > 0 ? clean.lastIndexOf(' ', SNIPPET) : SNIPPET) + " …";
        return List.of(new Part(shortened, false));
    }

    private static List<Part> parts(String marked, boolean cutBefore) {
        List<Part> parts = new ArrayList<>();
        if (cutBefore) parts.add(new Part("… ", false));
        int i = 0;
        while (i < marked.length()) {
            int start = marked.indexOf(MARK_START, i);
            if (start < 0) {
                parts.add(new Part(marked.substring(i), false));
                break;
            }
            if (start > i) parts.add(new Part(marked.substring(i, start), false));
            int end = marked.indexOf(MARK_END, start);
            if (end < 0) end = marked.length();
            parts.add(new Part(marked.substring(start + 1, end), true));
            i = end + 1;
        }
        return List.copyOf(parts);
    }

    private static List<String> tokens(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) tokens.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    /**
     * What {@code text:query} sees: the current version's jena-text index. It is read-only: the index is built from
     * the data, never written through a dataset.
     */
    private final class CurrentIndex implements TextIndex {
        @Override
        public void prepareCommit() {}

        @Override
        public void commit() {}

        @Override
        public void rollback() {}

        @Override
        public void addEntity(Entity entity) {
            throw new UnsupportedOperationException("the search index is built from the data, not written to");
        }

        @Override
        public void updateEntity(Entity entity) {
            throw new UnsupportedOperationException("the search index is built from the data, not written to");
        }

        @Override
        public void deleteEntity(Entity entity) {
            throw new UnsupportedOperationException("the search index is built from the data, not written to");
        }

        @Override
        public Map<String, Node> get(String uri) {
            return current().lucene.get(uri);
        }

        @Override
        public List<TextHit> query(Node property, String qs, String graphURI, String lang, int limit) {
            return current().lucene.query(property, qs, graphURI, lang, limit);
        }

        @Override
        public List<TextHit> query(Node property, String qs, String graphURI, String lang) {
            return current().lucene.query(property, qs, graphURI, lang);
        }

        @Override
        public List<TextHit> query(Node property, String qs, String graphURI, String lang, int limit, String highlight) {
            return current().lucene.query(property, qs, graphURI, lang, limit, highlight);
        }

        @Override
        public List<TextHit> query(List<Resource> props, String qs, String graphURI, String lang, int limit, String highlight) {
            return current().lucene.query(props, qs, graphURI, lang, limit, highlight);
        }

        @Override
        public List<TextHit> query(String subjectUri, List<Resource> props, String qs, String graphURI, String lang, int limit, String highlight) {
            return current().lucene.query(subjectUri, props, qs, graphURI, lang, limit, highlight);
        }

        @Override
        public List<TextHit> query(Node subj, List<Resource> props, String qs, String graphURI, String lang, int limit, String highlight) {
            return current().lucene.query(subj, props, qs, graphURI, lang, limit, highlight);
        }

        @Override
        public List<TextHit> query(String subjectUri, Node property, String qs, String graphURI, String lang, int limit, String highlight) {
            return current().lucene.query(subjectUri, property, qs, graphURI, lang, limit, highlight);
        }

        @Override
        public EntityDefinition getDocDef() {
            return current().lucene.getDocDef();
        }

        @Override
        public void close() {}
    }
}
