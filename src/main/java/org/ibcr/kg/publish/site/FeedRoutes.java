package org.ibcr.kg.publish.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.vocab.PROV;

/**
 * The change feed at {@code /feed}: a <a href="https://w3id.org/ldes/specification">Linked Data Event Stream</a> of
 * the data graph, whose members are versions of its resources, one for each resource a version of the data
 * ({@link org.ibcr.kg.store.VersionLog}) changed: the version's IRI ({@code /memento/N/data/{path}.ttl}, its
 * memento), {@code dcterms:isVersionOf} the resource, {@code prov:generatedAtTime} the version's time, and the
 * resource's triples as of that version; a resource the version removed is a member typed {@code as:Delete} with no
 * other triple. Members are in time order, {@value #PAGE_SIZE} a page ({@code /feed?page=N}, a {@code tree:Node});
 * {@code /feed} is the stream and its view, with a {@code tree:GreaterThanOrEqualToRelation} on the time to each page,
 * so a harvester that kept its state fetches the pages it has not seen whole. A full page never changes again and
 * is served as immutable; the stream and its last page are short-lived. Turtle, TriG, N-Triples, N-Quads or JSON-LD
 * by Accept.
 *
 * <pre>{@code
 * GET /feed            (the stream, its view and the relations to every page)
 * GET /feed?page=1     (the first 100 members)
 * }</pre>
 */
final class FeedRoutes {
    static final int PAGE_SIZE = 100;
    static final String LDES = "https://w3id.org/ldes#";
    static final String TREE = "https://w3id.org/tree#";
    static final String AS = "https://www.w3.org/ns/activitystreams#";
    /** How long the stream and its last page may be kept: they change with the next version. */
    static final String MUTABLE = "public, max-age=5";
    /** A full page: its members never change. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The RDF formats of the fragments, then HTML for browsers (so that {@code *}{@code /*} gets Turtle). */
    static final List<String> OFFERS;

    static {
        List<String> offers = new ArrayList<>(FragmentRoutes.OFFERS);
        offers.add("text/html");
        OFFERS = List.copyOf(offers);
    }

    /** Versions, and resources of each, shown on the feed's HTML page. */
    static final int PAGE_VERSIONS = 20;
    static final int PAGE_RESOURCES = 50;

    private static final DocumentFormat TURTLE = DocumentFormat.byExtension("ttl").orElseThrow();
    private static final Node GENERATED = NodeFactory.createURI(PROV.NS + "generatedAtTime");

    private final Site site;
    private final PrefixMap prefixes;

    FeedRoutes(Site site) {
        this.site = site;
        PrefixMap p = PrefixMapFactory.create(site.prefixes());
        p.add("ldes", LDES);
        p.add("tree", TREE);
        p.add("as", AS);
        this.prefixes = p;
    }

    /** What a feed request shows: the stream with its page links, or one page of members. */
    record FeedPage(String self, String stream, int page, int pages, boolean immutable, List<History.Member> members,
            Map<Node, Graph> states, List<PageLink> links) {}

    /** A page of the feed as the stream links to it: its number and the time of its first member. */
    record PageLink(int page, String url, java.time.Instant from) {}

    /** {@code /feed} and {@code /feed?page=N}. */
    Reply feed(Exchange x) {
        String type = Negotiation.choose(x.header("Accept"), OFFERS).orElseThrow(
                () -> new HttpError(406, "feed.not_acceptable", String.join(", ", OFFERS)));
        History history = site.history().orElseThrow(() -> HttpError.notFound("versions.none"));
        if (x.parameter("resource") != null || x.parameter("version") != null) return member(x);
        if (Negotiation.isHtml(type)) {
            String feedUrl = x.absoluteBase() + "/feed";
            return site.html(x, "feed", lang -> new PageModels(site, lang, x.langInAddress()).feed(view(history, lang, feedUrl)))
                    .vary("Accept").cacheControl(MUTABLE);
        }
        DocumentFormat format = DocumentFormat.byMediaType(type).orElseThrow();
        String pageParam = x.parameter("page");
        int page = pageParam == null ? 0 : page(pageParam);
        String base = x.absoluteBase();
        // Asked before the page is read: a page full now is full in any later version too.
        boolean immutable = page > 0 && isFull(history, page);
        Body body = site.cached(List.of("feed", base, page, format.extension()),
                () -> format.write(graph(history.log().read(current -> model(history, base, page, current))), prefixes));
        Reply reply = Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body).lastModified(site.lastModified())
                .vary("Accept", "Accept-Language").cacheControl(immutable ? IMMUTABLE : MUTABLE);
        return reply.link(base + "/feed", page == 0 ? "self" : "up", null);
    }

    /**
     * {@code /feed?version=N&resource=IRI}: a member of the feed whose resource has no data document here, as the feed
     * page states it (its resource, time, and triples then, or {@code as:Delete}), so that its IRI can be followed. A
     * resource with a data document is sent (303) to its memento, the IRI the feed gives its members.
     */
    private Reply member(Exchange x) {
        History history = site.history().orElseThrow(() -> HttpError.notFound("versions.none"));
        String resourceParam = x.parameter("resource");
        String versionParam = x.parameter("version");
        if (resourceParam == null || versionParam == null) {
            throw HttpError.badRequest("feed.member.form");
        }
        long version;
        try {
            version = Long.parseLong(versionParam);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("feed.version.invalid", versionParam);
        }
        if (version < 1 || version > history.log().latestNumber()) throw HttpError.notFound("feed.version.none", version);
        if (!org.apache.jena.irix.IRIs.check(resourceParam)) throw HttpError.badRequest("feed.resource.invalid", resourceParam);
        Node resource = NodeFactory.createURI(resourceParam);
        String base = x.absoluteBase();
        String iri = memberIri(base, resource, version).getURI();
        if (!iri.startsWith(base + "/feed?")) return Reply.redirect(303, iri);
        String type = Negotiation.choose(x.header("Accept"), FragmentRoutes.OFFERS).orElseThrow(
                () -> new HttpError(406, "feed.member.not_acceptable", String.join(", ", FragmentRoutes.OFFERS)));
        DocumentFormat format = DocumentFormat.byMediaType(type).orElseThrow();
        Body body = site.cached(List.of("feed-member", base, version, resourceParam, format.extension()), () -> {
            Graph g = history.log().read(current -> {
                if (version > current || history.versionsOf(resource, current).stream().noneMatch(v -> v.number() == version)) {
                    throw HttpError.notFound("feed.member.unchanged", version, resourceParam);
                }
                Graph state = history.describe(Set.of(resource), version, current).get(resource);
                Graph doc = GraphFactory.createDefaultGraph();
                Node member = NodeFactory.createURI(iri);
                doc.add(NodeFactory.createURI(base + "/feed"), tree("member"), member);
                doc.add(member, DCTerms.isVersionOf.asNode(), resource);
                doc.add(member, GENERATED, dateTime(history.log().versions().get((int) version - 1).time()));
                if (state.isEmpty()) doc.add(member, RDF.type.asNode(), NodeFactory.createURI(AS + "Delete"));
                state.find().forEachRemaining(t -> doc.add(member, t.getPredicate(), t.getObject()));
                return doc;
            });
            return format.write(g, prefixes);
        });
        return Reply.of(type.equals(DocumentFormat.JSON) ? body.as(type) : body).vary("Accept").cacheControl(IMMUTABLE)
                .link(base + "/feed", "collection", null);
    }

    /** The newest versions for people: what each changed, by label, linked to the pages. */
    private Pages.FeedView view(History history, String lang, String feedUrl) {
        return history.log().read(current -> site.content().read(union -> {
            List<Pages.FeedVersion> versions = new ArrayList<>();
            long oldest = Math.max(1, current - PAGE_VERSIONS + 1);
            for (long v = current; v >= oldest; v--) {
                long first = history.memberCount(v - 1);
                long changed = history.memberCount(v) - first;
                List<History.Member> shown = history.members(first, first + Math.min(changed, PAGE_RESOURCES), current);
                Map<Node, Graph> states = history.describe(shown.stream().map(History.Member::resource).toList(), v, current);
                List<Pages.FeedResource> resources = new ArrayList<>();
                for (History.Member m : shown) {
                    Graph state = states.get(m.resource());
                    boolean removed = state.isEmpty();
                    String label = SiteContent.label(removed ? union : state, m.resource(), lang);
                    resources.add(new Pages.FeedResource(label, site.address().link(m.resource().getURI()), removed));
                }
                versions.add(new Pages.FeedVersion(v, Reply.HTTP_DATE.format(history.log().versions().get((int) v - 1).time()), changed,
                        resources, changed > shown.size()));
            }
            return new Pages.FeedView(feedUrl, versions, oldest > 1);
        }));
    }

    private static boolean isFull(History history, int page) {
        return (long) page * PAGE_SIZE <= history.memberCount(history.log().latestNumber());
    }

    private static int page(String text) {
        try {
            int page = Integer.parseInt(text);
            if (page >= 1) return page;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw HttpError.badRequest("feed.page");
    }

    /** The model of the stream (page 0) or of a page, at the version {@code current}. */
    private FeedPage model(History history, String base, int page, long current) {
        String stream = base + "/feed";
        long count = history.memberCount(current);
        int pages = (int) ((count + PAGE_SIZE - 1) / PAGE_SIZE);
        if (page == 0) {
            List<PageLink> links = new ArrayList<>();
            for (int p = 1; p <= pages; p++) {
                List<History.Member> first = history.members((long) (p - 1) * PAGE_SIZE, (long) (p - 1) * PAGE_SIZE + 1, current);
                links.add(new PageLink(p, pageUrl(base, p), first.get(0).time()));
            }
            return new FeedPage(stream, stream, 0, pages, false, List.of(), Map.of(), links);
        }
        if (page > pages) throw HttpError.notFound(pages == 1 ? "feed.pages.one" : "feed.pages.other", pages);
        long from = (long) (page - 1) * PAGE_SIZE;
        List<History.Member> members = history.members(from, from + PAGE_SIZE, current);
        Map<Node, Graph> states = new java.util.HashMap<>();
        // Rebuilt a version at a time, newest first: each member's resource as of its version.
        java.util.TreeMap<Long, List<Node>> byVersion = new java.util.TreeMap<>();
        for (History.Member m : members) byVersion.computeIfAbsent(m.version(), v -> new ArrayList<>()).add(m.resource());
        byVersion.forEach((version, resources) -> history.describe(resources, version, current)
                .forEach((r, g) -> states.put(memberIri(base, r, version), g)));
        return new FeedPage(pageUrl(base, page), stream, page, pages, from + PAGE_SIZE <= count, members, states, List.of());
    }

    static String pageUrl(String base, int page) {
        return base + "/feed?page=" + page;
    }

    /**
     * The IRI of a resource's version, one a harvester can follow: its data document at that version (a memento); for
     * a node inside a document ({@code .../id/milestone/x#time}) the same fragment of its document's memento, which
     * holds it; for another IRI, {@link #member} at {@code /feed?version=N&resource=IRI}.
     */
    private Node memberIri(String base, Node resource, long version) {
        String uri = resource.getURI();
        Optional<String> path = site.address().resourcePath(uri);
        String iri;
        if (path.isPresent()) {
            String document = site.address().canonical(path.get());
            iri = base + MementoRoutes.mementoPath(version, new MementoRoutes.DataFile(path.get(), TURTLE)) + uri.substring(document.length());
        } else {
            iri = base + "/feed?version=" + version + "&resource=" + java.net.URLEncoder.encode(uri, java.nio.charset.StandardCharsets.UTF_8);
        }
        return NodeFactory.createURI(iri);
    }

    /** The RDF of a feed page: the stream's description, the node and its relations, the members. */
    private Graph graph(FeedPage model) {
        Graph g = GraphFactory.createDefaultGraph();
        Node stream = NodeFactory.createURI(model.stream());
        Node self = NodeFactory.createURI(model.self());
        describeStream(g, stream, site);
        g.add(stream, tree("view"), stream);
        g.add(self, RDF.type.asNode(), tree("Node"));
        for (PageLink link : model.links()) {
            Node relation = NodeFactory.createURI(model.stream() + "#page-" + link.page());
            g.add(self, tree("relation"), relation);
            g.add(relation, RDF.type.asNode(), tree("GreaterThanOrEqualToRelation"));
            g.add(relation, tree("path"), GENERATED);
            g.add(relation, tree("value"), dateTime(link.from()));
            g.add(relation, tree("node"), NodeFactory.createURI(link.url()));
        }
        if (model.page() > 0) g.add(self, DCTerms.isPartOf.asNode(), stream);
        for (History.Member m : model.members()) {
            String base = model.stream().substring(0, model.stream().length() - "/feed".length());
            Node version = memberIri(base, m.resource(), m.version());
            g.add(stream, tree("member"), version);
            g.add(version, DCTerms.isVersionOf.asNode(), m.resource());
            g.add(version, GENERATED, dateTime(m.time()));
            Graph state = model.states().get(version);
            if (state == null || state.isEmpty()) {
                g.add(version, RDF.type.asNode(), NodeFactory.createURI(AS + "Delete"));
            } else {
                state.find().forEachRemaining(t -> g.add(version, t.getPredicate(), t.getObject()));
            }
        }
        return g;
    }

    /** The stream as the feed and the dataset description state it. */
    static void describeStream(Graph g, Node stream, Site site) {
        g.add(stream, RDF.type.asNode(), NodeFactory.createURI(LDES + "EventStream"));
        g.add(stream, NodeFactory.createURI(LDES + "timestampPath"), GENERATED);
        g.add(stream, NodeFactory.createURI(LDES + "versionOfPath"), DCTerms.isVersionOf.asNode());
        for (String lang : Site.LANGUAGES) {
            Map<String, String> t = site.texts(lang);
            g.add(stream, DCTerms.title.asNode(), NodeFactory.createLiteralLang(t.get("feed_title"), lang));
            g.add(stream, DCTerms.description.asNode(), NodeFactory.createLiteralLang(t.get("feed_text"), lang));
        }
        g.add(stream, RDFS.comment.asNode(), NodeFactory.createLiteralLang(site.texts("en").get("feed_delete"), "en"));
        g.add(stream, RDFS.comment.asNode(), NodeFactory.createLiteralLang(site.texts("fr").get("feed_delete"), "fr"));
        g.add(stream, DCTerms.source.asNode(), NodeFactory.createURI(site.address().canonicalBase() + "graph/data"));
    }

    private static Node tree(String local) {
        return NodeFactory.createURI(TREE + local);
    }

    private static Node dateTime(java.time.Instant time) {
        return NodeFactory.createLiteralDT(time.toString(), XSDDatatype.XSDdateTime);
    }
}
