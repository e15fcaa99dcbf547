package org.ibcr.kg.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
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
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.QueryTermScorer;
import org.apache.lucene.search.highlight.Scorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.QueryBuilder;
import org.apache.lucene.util.SparseFixedBitSet;
import org.ibcr.kg.vocab.IBCR;

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
 * <p>The site's search ranks only what its page shows: each literal's document also holds, as doc values, the
 * number of its resource and its language, kept too as arrays by document number when the index is built, with each
 * resource's documents, group (its class, {@link #groups()}) and years, read from the data in a few scans. A search
 * asks Lucene for its best literals only (a top-documents search, which skips those that cannot be among them), and
 * visits every match once more without scoring it to count resources by group and decade, through those arrays; only
 * the page's documents are read and highlighted.
 *
 * <pre>{@code
 * SearchIndex index = SearchIndex.over(dataset, version::current).prepare();
 * index.registerWith(queryContext);
 * SearchIndex.Results r = index.search("tribunaux", "fr", SearchIndex.Filter.NONE, 0, 20);
 * r.count();  // every resource found; r.page() the 20 best
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
    /** The most literals a suggestion looks at. */
    private static final int MAX_DOCS = 2000;
    /** The classes results are counted and grouped by, in this order: a resource belongs to the first it is a member of. */
    public static final List<Resource> GROUPED = List.of(IBCR.Milestone, IBCR.Organisation, IBCR.Group, IBCR.Person, IBCR.Place,
            IBCR.Work, IBCR.Topic, IBCR.Role, IBCR.SourceSection, IBCR.Sentence, IBCR.Quantity);
    /** The group of the ontology's own terms that are of none of those classes. */
    public static final String TERMS = "ontology";
    /** The group of every other resource. */
    public static final String OTHER = "other";
    private static final List<String> GROUPS;
    /** Where a resource's years come from: its first year, its last (each the first property it has). */
    private static final List<Property> STARTS = List.of(IBCR.startYear, IBCR.notBefore, IBCR.year);
    private static final List<Property> ENDS = List.of(IBCR.endYear, IBCR.notAfter);
    private static final int NO_YEAR = Integer.MIN_VALUE;
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("-?\\d{4}");
    /** Doc values of each literal's document: its resource's number, its language's ({@link #LANG_CODES}). */
    private static final String RESOURCE = "resource#";
    private static final String LANG_CODE = "lang#";
    private static final List<String> LANG_CODES = List.of("", "en", "fr"); // any other: their count
    /** A resource the site does not list (a blank node): found by text:query, never by the search page. */
    private static final byte UNLISTED = -1;
    private static final int SNIPPET = 160;
    private static final String MARK_START = "\uE000";
    private static final String MARK_END = "\uE001";
    private static final Analyzer NEUTRAL = SearchAnalyzers.neutral();
    private static final Map<String, Analyzer> BY_LANGUAGE = Map.of("en", SearchAnalyzers.english(), "fr", SearchAnalyzers.french());

    static {
        // jena-text's multilingual fields (label_fr...) take their analyser from this registry.
        BY_LANGUAGE.forEach(Util::addAnalyzer);
        List<String> keys = new ArrayList<>();
        for (Resource r : GROUPED) keys.add(groupKey(r));
        keys.add(TERMS);
        keys.add(OTHER);
        GROUPS = List.copyOf(keys);
    }

    /** The keys of the groups, in their order: those of {@link #GROUPED} ("milestone"...), {@link #TERMS}, {@link #OTHER}. */
    public static List<String> groups() {
        return GROUPS;
    }

    /** The key of a class's group: its local name in lower case. */
    public static String groupKey(Resource cls) {
        return cls.getLocalName().toLowerCase(java.util.Locale.ROOT);
    }

    private final DatasetGraph dataset;
    private final LongSupplier version;
    /**
     * Searches' passes over the index run at most one per core, the others waiting their turn in order. A search's
     * passes are all CPU: with more at once than cores, the OS shares the cores among them, and a long search (100,000
     * matches) then takes as many times its own time as searches beside it, where in turn it waits only for those
     * ahead of it (as Elasticsearch's search thread pool, sized to the cores, queues the rest). Suggestions, which read
     * at most {@link #MAX_DOCS} literals, do not wait behind them.
     */
    private final Semaphore turns = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
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
        TextIndexLucene lucene = new TextIndexLucene(directory, config) {
            @Override
            protected Document doc(Entity entity) {
                Document doc = super.doc(entity);
                if (entity instanceof Literal l) {
                    doc.add(new NumericDocValuesField(RESOURCE, l.resource));
                    doc.add(new NumericDocValuesField(LANG_CODE, l.langCode));
                }
                // Every field in every document, empty where the literal has no text for it: Lucene then keeps each
                // field's norms (its documents' lengths) as a plain array, not a sparse one whose every read is a
                // look-up (a fifth of a loaded server's time at 3 million literals). An empty field adds no term.
                for (Field f : Field.values()) {
                    for (String sub : subFields(f)) {
                        if (doc.getField(sub) == null) doc.add(new TextField(sub, "", org.apache.lucene.document.Field.Store.NO));
                    }
                }
                return doc;
            }
        };
        record Built(int literals, Resources resources) {}
        Built built = Txn.calculateRead(dataset, () -> {
            Graph g = dataset.getUnionGraph();
            // each resource with a literal gets a number, in the order its first literal is met
            Map<Node, Integer> numbers = new HashMap<>();
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
                            int resource = numbers.computeIfAbsent(t.getSubject(), k -> numbers.size());
                            Literal e = new Literal(TextQueryFuncs.subjectToString(t.getSubject()), lang.isEmpty() ? null : lang,
                                    o.getLiteralDatatype(), resource, langCode(lang));
                            e.put(f.name, o.getLiteralLexicalForm());
                            lucene.addEntity(e);
                            n++;
                        }
                    } finally {
                        it.close();
                    }
                }
            }
            return new Built(n, Resources.of(g, numbers));
        });
        lucene.commit();
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            // each document's resource and language, by its number in the index: what a search reads per match
            int[] resourceOfDoc = new int[reader.maxDoc()];
            byte[] langOfDoc = new byte[reader.maxDoc()];
            Arrays.fill(resourceOfDoc, -1);
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues resources = leaf.reader().getNumericDocValues(RESOURCE);
                for (int d = resources == null ? DocIdSetIterator.NO_MORE_DOCS : resources.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = resources.nextDoc()) {
                    resourceOfDoc[leaf.docBase + d] = (int) resources.longValue();
                }
                NumericDocValues langs = leaf.reader().getNumericDocValues(LANG_CODE);
                for (int d = langs == null ? DocIdSetIterator.NO_MORE_DOCS : langs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = langs.nextDoc()) {
                    langOfDoc[leaf.docBase + d] = (byte) langs.longValue();
                }
            }
            // and each resource's documents: those of resource r are docsOfResource[firstDoc[r] .. firstDoc[r + 1])
            int[] firstDoc = new int[built.resources.group.length + 1];
            for (int r : resourceOfDoc) if (r >= 0) firstDoc[r + 1]++;
            for (int r = 0; r < built.resources.group.length; r++) firstDoc[r + 1] += firstDoc[r];
            int[] docsOfResource = new int[firstDoc[firstDoc.length - 1]];
            int[] next = Arrays.copyOf(firstDoc, firstDoc.length - 1);
            for (int d = 0; d < resourceOfDoc.length; d++) if (resourceOfDoc[d] >= 0) docsOfResource[next[resourceOfDoc[d]]++] = d;
            // and each document's resource's group and years, read in document order when a search counts its matches
            long[] factsOfDoc = new long[resourceOfDoc.length];
            for (int d = 0; d < resourceOfDoc.length; d++) factsOfDoc[d] = built.resources.facts(resourceOfDoc[d]);
            return new Snapshot(v, lucene, new IndexSearcher(reader), built.literals, built.resources, resourceOfDoc, langOfDoc,
                    factsOfDoc, firstDoc, docsOfResource, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int langCode(String lang) {
        int i = LANG_CODES.indexOf(lang.toLowerCase(java.util.Locale.ROOT));
        return i < 0 ? LANG_CODES.size() : i;
    }

    /** A literal to index, with the number of its resource and its language's code, kept as doc values. */
    private static final class Literal extends Entity {
        final int resource;
        final int langCode;

        Literal(String id, String lang, org.apache.jena.datatypes.RDFDatatype datatype, int resource, int langCode) {
            super(id, null, lang, datatype);
            this.resource = resource;
            this.langCode = langCode;
        }
    }

    /**
     * What the search page counts and filters by, for each resource by its number: its group (an index in
     * {@link #groups()}, or {@link #UNLISTED}) and its first and last years ({@link #NO_YEAR} without). Read from the
     * data in one scan of each class and each year property, never per resource.
     */
    private record Resources(byte[] group, int[] start, int[] end) {
        static Resources of(Graph g, Map<Node, Integer> numbers) {
            int n = numbers.size();
            byte[] group = new byte[n];
            Arrays.fill(group, Byte.MIN_VALUE);
            for (int i = 0; i < GROUPED.size(); i++) {
                var it = g.find(Node.ANY, RDF.type.asNode(), GROUPED.get(i).asNode());
                try {
                    while (it.hasNext()) {
                        Integer r = numbers.get(it.next().getSubject());
                        if (r != null && group[r] == Byte.MIN_VALUE) group[r] = (byte) i;
                    }
                } finally {
                    it.close();
                }
            }
            for (var e : numbers.entrySet()) {
                if (group[e.getValue()] != Byte.MIN_VALUE) continue;
                Node s = e.getKey();
                group[e.getValue()] = s.isBlank() ? UNLISTED
                        : (byte) (s.isURI() && (s.getURI().startsWith(IBCR.NS) || s.getURI().equals(IBCR.ONTOLOGY)) ? GROUPED.size() : GROUPED.size() + 1);
            }
            int[] start = years(g, numbers, STARTS);
            int[] end = years(g, numbers, ENDS);
            for (int r = 0; r < n; r++) {
                if (start[r] == NO_YEAR) start[r] = end[r];
                if (end[r] == NO_YEAR) end[r] = start[r];
            }
            return new Resources(group, start, end);
        }

        /** Each resource's year: of the first of {@code properties} it has, its first value that starts with a year. */
        private static int[] years(Graph g, Map<Node, Integer> numbers, List<Property> properties) {
            int[] years = new int[numbers.size()];
            Arrays.fill(years, NO_YEAR);
            for (Property p : properties) {
                int[] of = new int[numbers.size()];
                Arrays.fill(of, NO_YEAR);
                var it = g.find(Node.ANY, p.asNode(), Node.ANY);
                try {
                    while (it.hasNext()) {
                        var t = it.next();
                        Integer r = numbers.get(t.getSubject());
                        if (r == null || years[r] != NO_YEAR || of[r] != NO_YEAR || !t.getObject().isLiteral()) continue;
                        String lex = t.getObject().getLiteralLexicalForm();
                        if (YEAR.matcher(lex).lookingAt()) of[r] = Integer.parseInt(lex.substring(0, lex.startsWith("-") ? 5 : 4));
                    }
                } finally {
                    it.close();
                }
                for (int r = 0; r < years.length; r++) if (years[r] == NO_YEAR) years[r] = of[r];
            }
            return years;
        }

        /**
         * A resource's group and years in one number ({@link #UNLISTED} for none): a search reads them for every
         * match, so one array in the documents' order rather than three by resource number.
         */
        long facts(int r) {
            return r < 0 ? facts(UNLISTED, NO_YEAR, NO_YEAR) : facts(group[r], start[r], end[r]);
        }

        static long facts(byte group, int start, int end) {
            return ((long) (group & 0xFF) << 32) | ((long) packedYear(start) << 16) | packedYear(end);
        }

        /** A year of {@link #YEAR} (-9999 to 9999) in 16 bits, 0 for none. */
        private static int packedYear(int year) {
            return year == NO_YEAR ? 0 : year + 10_000;
        }

        static byte groupIn(long facts) {
            return (byte) (facts >>> 32);
        }

        static int startIn(long facts) {
            int y = (int) (facts >>> 16) & 0xFFFF;
            return y == 0 ? NO_YEAR : y - 10_000;
        }

        static int endIn(long facts) {
            int y = (int) facts & 0xFFFF;
            return y == 0 ? NO_YEAR : y - 10_000;
        }

        String groupOf(int r) {
            return group[r] < 0 ? null : GROUPS.get(group[r]);
        }

        Integer startOf(int r) {
            return start[r] == NO_YEAR ? null : start[r];
        }

        Integer endOf(int r) {
            return end[r] == NO_YEAR ? null : end[r];
        }
    }

    /** One version's index: jena-text's, a searcher over it for the site, and its resources' groups and years. */
    private record Snapshot(long version, TextIndexLucene lucene, IndexSearcher searcher, int documents, Resources resources,
            int[] resourceOfDoc, byte[] langOfDoc, long[] factsOfDoc, int[] firstDoc, int[] docsOfResource, Duration buildTime) {}

    // ---- the site's search

    /** A part of a snippet: text, matched or not. */
    public record Part(String text, boolean match) {}

    /**
     * A resource found: its IRI, its score, its group (a key of {@link #groups()}) and years (null when it has none), and
     * the literal that matched best in the wanted language (else in any), with its field, language and a snippet whose
     * matched words are marked.
     */
    public record Hit(String iri, float score, String group, Integer start, Integer end, Field field, String lang, String text,
            List<Part> snippet) {}

    /**
     * What narrows a search: a group's key ({@link #groups()}; another keeps nothing), and years a resource's span
     * must overlap; null for none of them.
     */
    public record Filter(String group, Integer from, Integer to) {
        public static final Filter NONE = new Filter(null, null, null);

        /** Whether a span of years ({@link #NO_YEAR}: none) overlaps the filter's. */
        boolean keepsYears(int start, int end) {
            if (from == null && to == null) return true;
            if (start == NO_YEAR) return false;
            return (from == null || end >= from) && (to == null || start <= to);
        }
    }

    /**
     * A search's answer: how many resources it found that the filter keeps; how many of each group the year filter
     * keeps (each facet counts what the other keeps), in the order of {@link #groups()}; how many of each decade (by
     * its first year) the group filter keeps; and the page asked for, best first.
     */
    public record Results(int count, Map<String, Integer> groups, SortedMap<Integer, Integer> decades, List<Hit> page) {}

    /**
     * The resources whose labels, names or descriptions hold every word of {@code text} (in one literal; words in
     * double quotes, a phrase), in any language, best first (a label counts more than a description), that the
     * filter keeps: their count, facets, and the page from {@code offset}, at most {@code limit}. Resources
     * without an IRI are left out. Only the best literals are scored; every match is counted unscored; only the page's
     * documents are read.
     *
     * @param lang the reader's language: the snippet comes from a literal in it where one matched
     */
    public Results search(String text, String lang, Filter filter, int offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (offset < 0 || limit < 0) throw new IllegalArgumentException("offset and limit must not be negative");
        Query query = textQuery(text);
        if (query == null) return new Results(0, Map.of(), new TreeMap<>(), List.of());
        boolean phrase = isPhrase(text.strip());
        Snapshot s = current();
        Gathered g;
        turns.acquireUninterruptibly();
        try {
            g = gather(s, query, filter, langCode(lang == null ? "" : lang), offset + limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            turns.release();
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (int i = 0; i < GROUPS.size(); i++) if (g.groupCounts[i] > 0) groups.put(GROUPS.get(i), g.groupCounts[i]);
        SortedMap<Integer, Integer> decades = new TreeMap<>();
        for (int i = 0; i < g.decadeCounts.length; i++) if (g.decadeCounts[i] > 0) decades.put((i - DECADES / 2) * 10, g.decadeCounts[i]);
        List<Hit> page = new ArrayList<>();
        try {
            var stored = s.searcher.storedFields();
            for (int i = offset; i < g.best.size(); i++) {
                Best b = g.best.get(i);
                Document doc = stored.document(b.snippetDoc());
                Field field = fieldOf(doc);
                if (field == null) continue;
                String value = doc.get(field.name);
                String docLang = doc.get("lang");
                page.add(new Hit(doc.get("uri"), b.score, s.resources.groupOf(b.resource), s.resources.startOf(b.resource),
                        s.resources.endOf(b.resource), field, docLang, value, snippet(query, phrase, field, docLang, value)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Results(g.count, groups, decades, List.copyOf(page));
    }

    /** The first {@code limit} resources {@link #search(String, String, Filter, int, int)} finds, unfiltered. */
    public List<Hit> search(String text, String lang, int limit) {
        return search(text, lang, Filter.NONE, 0, limit).page();
    }

    /** The query of a search: every word in one literal, or the phrase, in any field and its language's forms. */
    private static Query textQuery(String text) {
        String q = text.strip();
        boolean phrase = isPhrase(q);
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
        return clauses == 0 ? null : any.build();
    }

    /** The most literals the ranking reads before it visits every match with {@link Gather} instead. */
    private static final int MAX_RANKED = 16_384;

    /**
     * A search's counts and best {@code keep} resources, in two passes over the index: the ranking reads only the best
     * literals (Lucene's top-documents search, which skips the documents that cannot be among them), a few times as
     * many as resources wanted, more only when those hold too few resources the filter keeps; the counting visits
     * every match without scoring it, by the arrays of {@link Snapshot}. A filter that keeps too few of the best
     * falls back to {@link Gather}, which scores every match.
     */
    private static Gathered gather(Snapshot s, Query query, Filter filter, int wantedLang, int keep) throws IOException {
        int filterGroup = filter.group == null ? -2 : GROUPS.indexOf(filter.group);
        Count count = s.searcher.search(new ConstantScoreQuery(query), new CountManager(s, filter, filterGroup));
        List<Best> best = List.of();
        if (keep > 0 && count.count > 0) {
            int want = Math.min(keep, count.count); // never more than there are: then the ranking stops at the last
            int n = Math.max(64, want * 4);
            while (true) {
                // the best n, skipping what cannot be among them from the n-th match on (not the 1,000th: no exact total is wanted)
                TopDocs top = s.searcher.search(query, new TopScoreDocCollectorManager(n, null, n));
                Map<Integer, Best> picked = new LinkedHashMap<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    int r = s.resourceOfDoc[sd.doc];
                    if (r < 0) continue;
                    int g = s.resources.group[r];
                    if (g < 0 || (filterGroup != -2 && filterGroup != g) || !filter.keepsYears(s.resources.start[r], s.resources.end[r])) continue;
                    Best b = picked.get(r);
                    if (b == null) {
                        if (picked.size() >= keep) continue;
                        picked.put(r, b = new Best(r, sd.score, sd.doc));
                    }
                    int code = s.langOfDoc[sd.doc];
                    if (b.wantedDoc < 0 && (code == 0 || code == wantedLang)) b.wantedDoc = sd.doc;
                }
                boolean all = top.scoreDocs.length < n;
                if (picked.size() >= want || all) {
                    best = new ArrayList<>(picked.values());
                    if (!all) findWanted(s, query, best, wantedLang);
                    break;
                }
                if (n >= MAX_RANKED) return s.searcher.search(query, new Gather(s.resources, filter, wantedLang, keep));
                n = Math.min(MAX_RANKED, n * 4);
            }
        }
        return new Gathered(count.count, count.groupCounts, count.decadeCounts, best);
    }

    /**
     * For the resources of {@code best} without one, their best matching literal in the reader's language, if any: their
     * literals are listed by {@link Snapshot#firstDoc}, so that the query is only tested on them, in one pass.
     */
    private static void findWanted(Snapshot s, Query query, List<Best> best, int wantedLang) throws IOException {
        Map<Integer, Best> byDoc = new TreeMap<>();
        for (Best b : best) {
            if (b.wantedDoc >= 0) continue;
            for (int i = s.firstDoc[b.resource]; i < s.firstDoc[b.resource + 1]; i++) {
                int doc = s.docsOfResource[i];
                int code = s.langOfDoc[doc];
                if (code == 0 || code == wantedLang) byDoc.put(doc, b);
            }
        }
        if (byDoc.isEmpty()) return;
        Weight weight = s.searcher.createWeight(s.searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
        var leaves = s.searcher.getIndexReader().leaves();
        Map<Best, Float> scores = new HashMap<>();
        LeafReaderContext leaf = null;
        org.apache.lucene.search.Scorer scorer = null;
        for (var e : byDoc.entrySet()) {
            int doc = e.getKey();
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                scorer = weight.scorer(leaf);
            }
            if (scorer == null) continue;
            int local = doc - leaf.docBase;
            DocIdSetIterator it = scorer.iterator();
            if (it.docID() < local) it.advance(local);
            if (it.docID() != local) continue;
            float score = scorer.score();
            Best b = e.getValue();
            Float was = scores.get(b);
            if (was == null || score > was) { // documents in order: the first of equal scores
                scores.put(b, score);
                b.wantedDoc = doc;
            }
        }
    }

    /** A search's counts: what {@link Gathered} holds but the best. */
    private static final class Count {
        final int[] groupCounts = new int[GROUPS.size()];
        final int[] decadeCounts = new int[DECADES];
        int count;
    }

    /**
     * Counts every match's resource once, without scoring: per match, an array read and a bit; no object, no doc-value
     * iterator. An index searcher without an executor uses one collector.
     */
    private record CountManager(Snapshot s, Filter filter, int filterGroup) implements CollectorManager<CountManager.Counting, Count> {
        @Override
        public Counting newCollector() {
            return new Counting();
        }

        @Override
        public Count reduce(Collection<Counting> collectors) {
            if (collectors.size() != 1) throw new IllegalStateException("a search is counted by one collector, not " + collectors.size());
            return collectors.iterator().next().count;
        }

        final class Counting extends SimpleCollector {
            final Count count = new Count();
            final FixedBitSet seen = new FixedBitSet(Math.max(1, s.resources.group.length));
            final int[] resourceOfDoc = s.resourceOfDoc;
            final long[] factsOfDoc = s.factsOfDoc;
            private int docBase;

            @Override
            protected void doSetNextReader(LeafReaderContext context) {
                docBase = context.docBase;
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }

            @Override
            public void collect(int doc) {
                int r = resourceOfDoc[docBase + doc];
                if (r < 0 || seen.getAndSet(r)) return;
                long facts = factsOfDoc[docBase + doc];
                int g = Resources.groupIn(facts);
                if (g < 0) return;
                int start = Resources.startIn(facts);
                int end = Resources.endIn(facts);
                boolean inGroup = filterGroup == -2 || filterGroup == g;
                boolean inYears = filter.keepsYears(start, end);
                if (inYears) count.groupCounts[g]++;
                if (inGroup && start != NO_YEAR) {
                    for (int d = start / 10 * 10; d <= end / 10 * 10; d += 10) count.decadeCounts[d / 10 + DECADES / 2]++;
                }
                if (inGroup && inYears) count.count++;
            }
        }
    }

    private static boolean isPhrase(String q) {
        return q.length() > 2 && q.startsWith("\"") && q.endsWith("\"");
    }

    /** Decades counted: years -9999 to 9999. */
    private static final int DECADES = 2000;

    /** A resource in the queue of the best: its best score and document, and its best document in the reader's language. */
    private static final class Best {
        final int resource;
        float score;
        int doc;
        float wantedScore = Float.NEGATIVE_INFINITY;
        int wantedDoc = -1;

        Best(int resource, float score, int doc) {
            this.resource = resource;
            this.score = score;
            this.doc = doc;
        }

        int snippetDoc() {
            return wantedDoc >= 0 ? wantedDoc : doc;
        }
    }

    /** Lower first: a lower score, then a later document (Lucene's order of equal scores). */
    private static final Comparator<Best> WORST_FIRST = Comparator.<Best>comparingDouble(b -> b.score).thenComparing(b -> -b.doc);

    /** What a search collected: its counts, and its best resources, best first. */
    private record Gathered(int count, int[] groupCounts, int[] decadeCounts, List<Best> best) {}

    /**
     * Visits every matching literal once: counts each resource the first time one of its literals is met (by its
     * number, in a sparse bit set) and keeps the best {@code keep} resources in a queue. Its memory is that of the
     * queue, whatever the number of matches. An index searcher without an executor uses one collector.
     */
    private static final class Gather implements CollectorManager<Gather.Collect, Gathered> {
        private final Resources resources;
        private final Filter filter;
        private final int wantedLang;
        private final int keep;
        private final int filterGroup;

        Gather(Resources resources, Filter filter, int wantedLang, int keep) {
            this.resources = resources;
            this.filter = filter;
            this.wantedLang = wantedLang;
            this.keep = keep;
            this.filterGroup = filter.group == null ? -2 : GROUPS.indexOf(filter.group);
        }

        @Override
        public Collect newCollector() {
            return new Collect();
        }

        @Override
        public Gathered reduce(Collection<Collect> collectors) {
            if (collectors.size() != 1) throw new IllegalStateException("a search is collected by one collector, not " + collectors.size());
            Collect c = collectors.iterator().next();
            List<Best> best = new ArrayList<>(c.queue);
            best.sort(WORST_FIRST.reversed());
            return new Gathered(c.count, c.groupCounts, c.decadeCounts, best);
        }

        final class Collect extends SimpleCollector {
            final SparseFixedBitSet seen = new SparseFixedBitSet(Math.max(1, resources.group.length));
            final int[] groupCounts = new int[GROUPS.size()];
            final int[] decadeCounts = new int[DECADES];
            int count;
            final PriorityQueue<Best> queue = new PriorityQueue<>(Math.max(1, keep), WORST_FIRST);
            final Map<Integer, Best> queued = new HashMap<>();
            /** The resources in the queue, so that the map is looked up only for them. */
            final SparseFixedBitSet inQueue = new SparseFixedBitSet(Math.max(1, resources.group.length));
            private NumericDocValues resourceOf;
            private NumericDocValues langOf;
            private Scorable scorer;
            private int docBase;

            @Override
            protected void doSetNextReader(LeafReaderContext context) throws IOException {
                docBase = context.docBase;
                resourceOf = context.reader().getNumericDocValues(RESOURCE);
                langOf = context.reader().getNumericDocValues(LANG_CODE);
            }

            @Override
            public void setScorer(Scorable scorer) {
                this.scorer = scorer;
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE;
            }

            @Override
            public void collect(int doc) throws IOException {
                if (resourceOf == null || !resourceOf.advanceExact(doc)) return;
                int r = (int) resourceOf.longValue();
                int g = resources.group[r];
                if (g < 0) return;
                boolean inGroup = filterGroup == -2 || filterGroup == g;
                boolean inYears = filter.keepsYears(resources.start[r], resources.end[r]);
                if (!seen.get(r)) {
                    seen.set(r);
                    if (inYears) groupCounts[g]++;
                    if (inGroup && resources.start[r] != NO_YEAR) {
                        for (int d = resources.start[r] / 10 * 10; d <= resources.end[r] / 10 * 10; d += 10) decadeCounts[d / 10 + DECADES / 2]++;
                    }
                    if (inGroup && inYears) count++;
                }
                if (!inGroup || !inYears || keep == 0) return;
                float score = scorer.score();
                int global = docBase + doc;
                boolean wanted = langOf != null && langOf.advanceExact(doc) && (langOf.longValue() == 0 || langOf.longValue() == wantedLang);
                Best b = inQueue.get(r) ? queued.get(r) : null;
                if (b != null) {
                    if (score > b.score) {
                        queue.remove(b);
                        b.score = score;
                        b.doc = global;
                        queue.add(b);
                    }
                } else if (queue.size() < keep || score > queue.peek().score) {
                    b = new Best(r, score, global);
                    if (queue.size() >= keep) {
                        int out = queue.poll().resource;
                        queued.remove(out);
                        inQueue.clear(out);
                    }
                    queue.add(b);
                    queued.put(r, b);
                    inQueue.set(r);
                }
                if (b != null && wanted && score > b.wantedScore) {
                    b.wantedScore = score;
                    b.wantedDoc = global;
                }
            }
        }
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
        return hits(current(), any.build(), lang, limit);
    }

    /**
     * The first {@code limit} resources of the best literals: a few times as many literals as resources wanted are
     * read, more only when those hold too few resources.
     */
    private List<Hit> hits(Snapshot s, Query query, String lang, int limit) {
        try {
            int wanted = Math.min(MAX_DOCS, Math.max(1, limit) * 8);
            while (true) {
                TopDocs top = s.searcher.search(query, wanted);
                List<Hit> hits = hits(s, top.scoreDocs, lang, limit);
                if (hits.size() >= limit || top.scoreDocs.length < wanted || wanted >= MAX_DOCS) return hits;
                wanted = Math.min(MAX_DOCS, wanted * 4);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One resource per entity, in the order of its best literal, its text from the best in the reader's language:
     * chosen by doc values, so that only the chosen literals are read.
     */
    private static List<Hit> hits(Snapshot s, ScoreDoc[] docs, String lang, int limit) throws IOException {
        var leaves = s.searcher.getIndexReader().leaves();
        int wantedLang = langCode(lang == null ? "" : lang);
        Map<Integer, Best> picked = new LinkedHashMap<>();
        for (ScoreDoc sd : docs) {
            int r = docValue(leaves, RESOURCE, sd.doc);
            if (r < 0 || s.resources.group[r] < 0) continue;
            Best b = picked.get(r);
            if (b == null) {
                if (picked.size() >= limit) continue;
                b = new Best(r, sd.score, sd.doc);
                picked.put(r, b);
            }
            int code = docValue(leaves, LANG_CODE, sd.doc);
            if (b.wantedDoc < 0 && (code == 0 || code == wantedLang)) b.wantedDoc = sd.doc;
        }
        var stored = s.searcher.storedFields();
        List<Hit> hits = new ArrayList<>();
        for (Best b : picked.values()) {
            Document doc = stored.document(b.snippetDoc());
            Field field = fieldOf(doc);
            if (field == null) continue;
            String value = doc.get(field.name);
            hits.add(new Hit(doc.get("uri"), b.score, s.resources.groupOf(b.resource), s.resources.startOf(b.resource),
                    s.resources.endOf(b.resource), field, doc.get("lang"), value, List.of(new Part(value, false))));
        }
        return List.copyOf(hits);
    }

    /** A document's doc value (its resource's number, its language's code), -1 without. */
    private static int docValue(List<LeafReaderContext> leaves, String name, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues values = leaf.reader().getNumericDocValues(name);
        return values != null && values.advanceExact(doc - leaf.docBase) ? (int) values.longValue() : -1;
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
    private static List<Part> snippet(Query query, boolean phrase, Field field, String lang, String value) {
        String clean = value.replace(MARK_START, "").replace(MARK_END, "");
        List<String> fields = new ArrayList<>();
        if (lang != null && BY_LANGUAGE.containsKey(lang)) fields.add(field.name + "_" + lang);
        fields.add(field.name);
        for (String sub : fields) {
            // A phrase's words are marked where they make the phrase (QueryScorer, which indexes the text in memory to
            // find them); other words wherever they are, from the query's terms alone (QueryTermScorer, far cheaper).
            Scorer scorer = phrase ? new QueryScorer(query, sub) : new QueryTermScorer(query, sub);
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(MARK_START, MARK_END), scorer);
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
