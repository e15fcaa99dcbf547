package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Map;

/**
 * The typed models of the pages: a record per page and per row, whose accessors the templates name (Mustache
 * resolves record accessors as it resolves map keys, so the templates keep their names). A page renders with two
 * scopes: its {@link Frame} (what every page has) and its own record.
 */
final class Pages {
    private Pages() {}

    /** A page ready to render: what every page has, and what this one has. */
    record Page(Frame frame, Object body) {}

    /**
     * What every page has: language and texts, title, the site's base, the language switch and the {@code ?lang=}
     * its links keep; the canonical IRI, alternates and embedded JSON-LD of the head where the page has them; the
     * page's own address ({@code self}, null for a page with none, an error), from which its canonical URL in its
     * language and its {@code hreflang} alternates come.
     */
    record Frame(String lang, Map<String, String> t, String title, String base, String langSwitch, String langQuery,
            String canonical, List<Alternate> alternates, String jsonld, String self) {
        Frame with(String canonical, List<Alternate> alternates, String jsonld) {
            return new Frame(lang, t, title, base, langSwitch, langQuery, canonical, alternates, jsonld, self);
        }

        /** The same page without an address of its own: no canonical URL, no language alternates. */
        Frame unaddressed() {
            return new Frame(lang, t, title, base, langSwitch, langQuery, null, alternates, jsonld, null);
        }

        /** The window's title: the page's, then the site's; once where they are the same (the home page). */
        public String documentTitle() {
            String site = t.get("site");
            return site == null || title.equals(site) ? title : title + " · " + site;
        }

        /**
         * The canonical URL of the page in its language: a French page's own address with {@code ?lang=fr}; an
         * English page's canonical IRI where it has one (a resource, a class), else its address.
         */
        public String canonicalUrl() {
            if (self == null) return canonical;
            if (!lang.equals("en")) return self + "?lang=" + lang;
            return canonical != null ? canonical : self;
        }

        /** The page in each language ({@code hreflang}): English at its plain address, which is also the default. */
        public List<LanguageVersion> languages() {
            if (self == null) return List.of();
            return List.of(new LanguageVersion("en", self), new LanguageVersion("fr", self + "?lang=fr"), new LanguageVersion("x-default", self));
        }
    }

    /** A page in one language, for {@code <link rel="alternate" hreflang>} and the sitemap. */
    record LanguageVersion(String hreflang, String href) {}

    /** A data document's format, for {@code <link rel="alternate">} and the links to the data. */
    record Alternate(String href, String type, String name) {}

    /** A labelled link. */
    record Link(String label, String href) {}

    // ---- a resource

    record ResourcePage(String iri, List<TypeLink> types, String description, String years, List<Participant> participants,
            boolean hasParticipants, List<RoleRow> roles, boolean hasRoles, List<PropertyRow> properties, List<Link> external,
            boolean hasExternal, List<InverseRow> inverse, boolean hasInverse, PlaceMap placeMap, Network network,
            Citation citation, List<StatementRow> statements, boolean hasStatements, SentenceSummary sentence, String queryHref) {}

    /**
     * The network around a resource that is a node of the full view: the network page focused on it, its ego
     * network as files, and its figures in the actors view where it is an actor (else no rows).
     */
    record Network(String page, List<ExportFile> files, List<NetworkFigure> figures, boolean hasFigures) {}

    /** One figure of a node: its name in the exports ({@code degree}...), what it is called, its value. */
    record NetworkFigure(String name, String label, String value) {}

    record TypeLink(String label, String href, boolean ours) {}

    record Participant(String agent, String agentHref, String role, String roleHref, String years, Citation citation) {}

    record RoleRow(String milestone, String milestoneHref, String role, String roleHref, String years, Citation citation) {}

    record PropertyRow(String label, String iri, String href, List<Value> values, boolean ours) {}

    /** One value cell; every accessor is always there, so a template never falls back to the row's. */
    record Value(boolean isLink, String url, boolean hasLang, String valueLang, String text) {}

    record InverseRow(String label, List<Link> values) {}

    /**
     * What a fact rests on: a mark per sentence it derives from ({@code [2008·1]}, linking to the sentence's
     * page), and its basis and note, in the page's language, where it has one; null for a fact with neither.
     */
    record Citation(List<Link> marks, String basis, String basisHref, String note) {}

    /** A link row stated as a fact of its own ({@code ibcr:linkStatement}), with its citation. */
    record StatementRow(String id, String relation, String relationHref, String target, String targetHref, Citation citation) {}

    /**
     * A sentence of the source: where it is (section, number, code point offsets on the source page) and the
     * facts that cite it.
     */
    record SentenceSummary(String text, String section, String sectionHref, String source, List<Link> citedBy, boolean hasCitedBy) {}

    // ---- the other pages

    record HomePage(String description, String endpoint, List<ClassCount> classes, List<TimelineEntry> timeline, List<Figure> figures) {}

    record ClassCount(String label, String count, String href) {}

    record TimelineEntry(String label, String href, String years) {}

    record Figure(String label, String href, int degree, String betweenness) {}

    record ClassPage(String description, List<Link> members, int count) {}

    record OntologyPage(String iri, String description, String version, String license, List<Term> classes, List<Term> properties) {}

    record Term(String local, String label, String definition, List<Link> supers, boolean hasSupers, String domain,
            String domainHref, String range, String rangeHref) {}

    record TimelinePage(List<TimelineItem> milestones, int count, int first, int last, List<Tick> ticks, String legend) {}

    record Tick(String year, String left) {}

    /**
     * A milestone of the timeline as data ({@code /timeline} as CSV or JSON): its IRI, label, years as the history
     * gives them, the milestone it is part of, its places, and its participants with their roles, labels in one language.
     */
    record TimelineRow(String milestone, String label, String years, Integer startYear, Integer endYear, Integer notBefore,
            Integer notAfter, Named partOf, List<Named> places, List<TimelineParticipant> participants) {}

    /** A resource by its IRI and its label. */
    record Named(String iri, String label) {}

    record TimelineParticipant(Named agent, List<Named> roles) {}

    record TimelineItem(String id, String label, String href, String years, boolean hasSpan, String shape, String left,
            String width, Link partOf, List<Actor> actors, boolean hasActors, List<Link> places, boolean hasPlaces) {}

    record Actor(String agent, String agentHref, List<ActorRole> roles, String agentYears) {}

    record ActorRole(String role, String roleHref, boolean more) {}

    record GraphPage(String dataUrl, String canonicalBase, String pageBase, String cytoscape, String script, int first, int last,
            List<RoleOption> roles, List<KindOption> kinds, List<Export> exports) {}

    /**
     * A map of the places (Leaflet over {@code /map.geojson}, drawn by {@code /map.js}): on {@code /map}, and on a
     * city's or country's page, where {@code focus} is its {@code kind/slug} and the map opens on it.
     */
    record PlaceMap(String dataUrl, String leaflet, String leafletCss, String script, String focus) {}

    record MapPage(PlaceMap placeMap) {}

    record RoleOption(String id, String label) {}

    record KindOption(String kind, String label) {}

    record Export(String view, String label, List<ExportFile> files) {}

    record ExportFile(String format, String href) {}

    record DumpsPage(List<DumpRow> dumps, List<VersionRow> versions) {
        public boolean anyVersions() {
            return !versions.isEmpty();
        }
    }

    /** A resource's page as of a version (a memento): when, the current page, its statements then. */
    record MementoView(long number, String time, String currentHref, String timeMapHref, List<MementoRow> rows) {}

    /** A statement of a memento page: the property and the value, linked where they are resources. */
    record MementoRow(String property, String propertyHref, String value, String valueHref) {}

    /** The change feed for people: the newest versions, each with the resources it changed. */
    record FeedView(String feedUrl, List<FeedVersion> versions, boolean older) {}

    /** A version on the feed's page: its number, time, how many resources it changed and the first of them. */
    record FeedVersion(long number, String time, long changed, List<FeedResource> resources, boolean more) {}

    /** A resource a version changed: its label and page, or removed. */
    record FeedResource(String label, String href, boolean removed) {}

    /** A kept version of the data on the dumps page: its number, time and dated dumps. */
    record VersionRow(long number, String time, List<ExportFile> files) {}

    record DumpRow(String name, String href, String type, int size) {}

    record NamedGraphPage(String iri, String description, long triples, String gsp, String sparql) {}

    /** The error page: what happened in the page's language, and the server's detail (in English) where that differs. */
    record ErrorPage(String message, ClassList classes) {}

    /**
     * The query page: the endpoints, the query in the editor, the answer to it (or the error, in the page's language, with
     * the parser's or engine's own words, in English, as its detail), and the examples, each
     * run on this page ({@code run}) or downloaded from the endpoint.
     */
    record QueryPage(String endpoint, String gsp, String query, Editor editor, String ui, QueryResult result, String error,
            String errorDetail, List<ExampleRow> examples, boolean hasExamples) {}

    /** The editor's scripts and style sheets (CodeMirror's, and ours), and what it completes: prefixes and our terms (JSON). */
    record Editor(String codemirror, String codemirrorCss, String sparqlMode, String hint, String hintCss, String script, String prefixes,
            String terms) {}

    /** A query's answer: a table (SELECT; subject, predicate, object for a graph), or yes or no (ASK), and its downloads. */
    record QueryResult(List<String> columns, List<ResultRow> rows, String answer, String count, boolean empty, List<Download> downloads) {}

    record ResultRow(List<ResultCell> cells) {}

    /** A value: its text, a link where it is an IRI, and a literal's language or datatype. */
    record ResultCell(String text, String href, String note, String valueLang) {}

    record Download(String format, String href, String type) {}

    record ExampleRow(String name, String title, String text, String run, String runCsv, String runJson) {}

    record ClassList(List<Link> items) {}

    // ---- search

    /**
     * The search page: the words searched, the resources found grouped by class, and the facets (class, decade)
     * that narrow them; {@code ranked}, the same results best first; {@code filters} says which facets are on, {@code clear}
     * the address without them; {@code count} counts every result, the page shows one page of them ({@code shown} says
     * which, when there are more; {@code previous} and {@code next} are the addresses of the pages beside it).
     */
    record SearchPage(String q, boolean hasQuery, int count, boolean none, List<SearchResult> ranked, List<SearchGroup> groups,
            List<Facet> classes, List<Facet> decades, boolean hasDecades, boolean hasFacets, String filters, String clear,
            int page, String shown, String previous, String next) {}

    record SearchGroup(String key, String label, int count, List<SearchResult> results) {}

    /**
     * A resource found: its group's key, label, page, years, the field that matched (its name in the index, and as the
     * reader reads it) and the literal that matched with its matched words marked.
     */
    record SearchResult(String iri, String group, String label, String href, String years, String fieldName, String field,
            List<SnippetPart> snippet) {}

    record SnippetPart(String text, boolean match) {}

    /** A facet value: its label, how many results it keeps, the address that turns it on (or off), whether it is on. */
    record Facet(String key, String label, int count, String href, boolean selected) {}
}
