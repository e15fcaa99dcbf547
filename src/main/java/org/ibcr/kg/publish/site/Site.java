package org.ibcr.kg.publish.site;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.vocabulary.DCTerms;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.MessageBundles;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.vocab.Namespaces;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * What every route of the site shares: the content, the address mapping, the templates (Mustache, which
 * escapes every value), the interface texts in English and French, the data version with its response cache,
 * and the data's modification date.
 */
final class Site {
    /** The languages of the interface; labels fall back to English where a French one is missing. */
    static final List<String> LANGUAGES = List.of("en", "fr");
    static final String HTML = "text/html; charset=utf-8";

    private final SiteContent content;
    private final SiteAddress address;
    private final MustacheFactory mustache = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> templates = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> texts;
    private final int maxValues;
    private final DataVersion version;
    private final ResponseCache cache;
    private final GraphViews graphs;
    private final Instant dataModified;
    private final PrefixMap prefixes;
    private final History history;
    private final int keptVersions;

    /**
     * @param maxValues  values listed per property (and rows per list) on a page
     * @param cacheBytes the most bytes of responses kept for the current data version; 0 computes each anew
     */
    Site(SiteContent content, SiteAddress address, int maxValues, long cacheBytes) {
        this(content, address, maxValues, cacheBytes, Dumps.DEFAULT_KEPT);
    }

    /** @param keptVersions the newest versions whose dated dumps are served and described */
    Site(SiteContent content, SiteAddress address, int maxValues, long cacheBytes, int keptVersions) {
        if (maxValues < 1) throw new IllegalArgumentException("maxValues must be at least 1");
        if (keptVersions < 1) throw new IllegalArgumentException("keptVersions must be at least 1");
        this.keptVersions = keptVersions;
        this.maxValues = maxValues;
        this.content = Objects.requireNonNull(content, "content");
        this.address = Objects.requireNonNull(address, "address");
        this.texts = MessageBundles.load("messages.site", LANGUAGES);
        this.version = DataVersion.of(content.dataset());
        this.cache = ResponseCache.create(version, cacheBytes);
        this.graphs = new GraphViews(content, version);
        this.dataModified = modified(content, address.canonicalBase());
        this.prefixes = Namespaces.forBase(address.canonicalBase());
        this.history = version.log() != null
                ? new History(version.log(), content.dataset(), NodeFactory.createURI(address.canonicalBase() + "graph/data"))
                : null;
    }

    /** The newest versions of the data, up to the number whose dated dumps are kept, oldest first; none if untracked. */
    List<org.ibcr.kg.store.VersionLog.Version> keptVersions() {
        if (history == null) return List.of();
        List<org.ibcr.kg.store.VersionLog.Version> all = history.log().versions();
        return all.subList(Math.max(0, all.size() - keptVersions), all.size());
    }

    /** The versions of the data graph's resources, when the data's versions are recorded. */
    java.util.Optional<History> history() {
        return java.util.Optional.ofNullable(history);
    }

    /** The data's own modification date (dcterms:modified of the dataset), so caches survive restarts. */
    private static Instant modified(SiteContent content, String base) {
        Node dataset = NodeFactory.createURI(base + "dataset");
        return content.read(g -> g.find(dataset, DCTerms.modified.asNode(), Node.ANY).nextOptional()
                .map(t -> LocalDate.parse(t.getObject().getLiteralLexicalForm()).atStartOfDay().toInstant(ZoneOffset.UTC))
                .orElse(Instant.EPOCH));
    }

    SiteContent content() {
        return content;
    }

    SiteAddress address() {
        return address;
    }

    /** The relationship graphs and their figures, projected once per data version. */
    GraphViews graphs() {
        return graphs;
    }

    DataVersion version() {
        return version;
    }

    /** Values listed per property, and rows per list, on a page; the rest is left to the data. */
    int maxValues() {
        return maxValues;
    }

    Map<String, String> texts(String lang) {
        return texts.get(lang);
    }

    /** What Last-Modified says: the data's own date, or the last write the server took. */
    Instant lastModified() {
        return version.lastModified(dataModified);
    }

    /** A body computed once per data version for a key that names every input but the data. */
    Body cached(Object key, Supplier<Body> compute) {
        return cache.get(key, compute);
    }

    /** Renders {@code templates/NAME.mustache} with scopes (records), the last looked in first. */
    String render(String name, Object... scopes) {
        // The factory caches compiled templates and resolves {{> partials}} beside them.
        Mustache template = templates.computeIfAbsent(name, n -> mustache.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        template.execute(out, scopes);
        return out.toString();
    }

    /** Builds the model of a page in a language. */
    @FunctionalInterface
    interface PageModel {
        Pages.Page build(String lang);
    }

    /**
     * A page, rendered or taken from the cache: a page is a function of its template, address, language and
     * whether the language is in the address (its links keep it), for one version of the data.
     */
    Reply html(Exchange x, String template, PageModel model) {
        return html(x, template, "", model);
    }

    /** A page as {@link #html(Exchange, String, PageModel)}, which also depends on {@code variant} (such as the server's address). */
    Reply html(Exchange x, String template, String variant, PageModel model) {
        String lang = x.lang();
        Body body = cached(List.of("html", template, x.path(), lang, x.langInAddress(), variant), () -> page(template, model.build(lang)));
        return Reply.of(body).lastModified(lastModified()).vary("Accept-Language").header("Content-Language", lang);
    }

    /** A page as a response body: its frame and its own model. */
    Body page(String template, Pages.Page page) {
        return Body.text(render(template, page.frame(), page.body()), HTML);
    }

    /** The site's prefixes, for documents written elsewhere. */
    PrefixMap prefixes() {
        return prefixes;
    }

    /** A graph in a format, with the site's prefixes. */
    Body document(Graph graph, DocumentFormat format) {
        return format.write(graph, prefixes);
    }

    /** A file of the jar, read once. */
    static Body resource(String name, String contentType) {
        try (var in = Site.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return Body.of(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
