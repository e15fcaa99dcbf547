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
     * its links keep; the canonical IRI, alternates and embedded JSON-LD of the head where the page has them.
     */
    record Frame(String lang, Map<String, String> t, String title, String base, String langSwitch, String langQuery,
            String canonical, List<Alternate> alternates, String jsonld) {
        Frame with(String canonical, List<Alternate> alternates, String jsonld) {
            return new Frame(lang, t, title, base, langSwitch, langQuery, canonical, alternates, jsonld);
        }

        /** The window's title: the page's, then the site's; once where they are the same (the home page). */
        public String documentTitle() {
            String site = t.get("site");
            return site == null || title.equals(site) ? title : title + " · " + site;
        }
    }

    /** A data document's format, for {@code <link rel="alternate">} and the links to the data. */
    record Alternate(String href, String type, String name) {}

    /** A labelled link. */
    record Link(String label, String href) {}

    // ---- a resource

    record ResourcePage(String iri, List<TypeLink> types, String description, String years, List<Participant> participants,
            boolean hasParticipants, List<RoleRow> roles, boolean hasRoles, List<PropertyRow> properties, List<Link> external,
            boolean hasExternal, List<InverseRow> inverse, boolean hasInverse, PlaceMap placeMap, Network network,
            Citation citation, List<StatementRow> statements, boolean hasStatements, SentenceSummary sentence) {}

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

    record ErrorPage(String message, ClassList classes) {}

    /** The query page (English only, with its own head): the endpoints, the first query, the examples. */
    record QueryPage(String endpoint, String gsp, String first, String ui, List<ExampleRow> examples) {}

    record ExampleRow(String name, String title, String text, String run, String runCsv, String runJson, String open) {}

    record ClassList(List<Link> items) {}
}
