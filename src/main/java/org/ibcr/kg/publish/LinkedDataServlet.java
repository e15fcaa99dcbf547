package org.ibcr.kg.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCAT;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.VOID;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.ibcr.kg.vocab.IBCR;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.write.RdfFormat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The linked-data routes: {@code /id/...} answers 303 to the page or the data by {@code Accept};
 * {@code /data/...} and {@code /page/...} serve them; the home page, class indexes, the ontology, VoID,
 * dumps, sitemap and robots.txt. Every response has an ETag and Last-Modified and answers 304 to a
 * matching conditional request.
 */
final class LinkedDataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int MAX_PATH = 512;
    private static final String HTML = "text/html; charset=utf-8";
    /** The style sheet and the network page's script, read once from the jar. */
    private static final ResponseCache.Body STYLE = resource("/static/site.css", "text/css; charset=utf-8");
    private static final ResponseCache.Body SCRIPT = resource("/static/graph.js", "text/javascript; charset=utf-8");

    private final transient LinkedDataSite site;
    private final transient Dumps dumps;
    /** The data's own modification date; writes while serving move Last-Modified on ({@link DataVersion}). */
    private final Instant dataModified;
    private final transient DataVersion version;
    private final transient ResponseCache cache;

    LinkedDataServlet(LinkedDataSite site, Instant dataModified, DataVersion version, ResponseCache cache) {
        this.site = site;
        this.version = java.util.Objects.requireNonNull(version, "version");
        this.cache = java.util.Objects.requireNonNull(cache, "cache");
        this.dumps = new Dumps(site.content(), site.address().canonicalBase(), version);
        this.dataModified = dataModified;
    }

    private Instant lastModified() {
        return version.lastModified(dataModified);
    }

    /** A request the site refuses, with its status. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        try {
            if (path.length() > MAX_PATH) throw new Refused(414, "The address is too long.");
            if (path.contains("..") || path.contains("//") || path.contains("\\") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new Refused(400, "Malformed path.");
            }
            route(path, req, resp);
        } catch (Refused r) {
            error(req, resp, r.status, r.getMessage());
        } catch (Negotiation.MalformedAccept e) {
            error(req, resp, 400, "The Accept header does not parse.");
        }
    }

    private void route(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.isEmpty() || path.equals("/")) {
            html(req, resp, "home", lang(req), m -> new PageModels(site, m, langInAddress(req)).home(site.address().url(IbcrServer.DATASET + "/sparql")));
        } else if (path.startsWith("/id/")) {
            redirect(path.substring(4), req, resp);
        } else if (path.startsWith("/page/")) {
            String rp = path.substring(6);
            // Checked inside: a page kept for this data version names a resource that exists.
            html(req, resp, "resource", lang(req), l -> {
                requireResource(rp);
                return new PageModels(site, l, langInAddress(req)).resource(rp, path);
            });
        } else if (path.startsWith("/data/")) {
            dataDocument(path.substring(6), req, resp);
        } else if (path.startsWith("/class/")) {
            String local = path.substring(7);
            String lang = lang(req);
            boolean langInAddress = langInAddress(req);
            send(req, resp, cache.get(List.of("class", local, lang, langInAddress), () -> {
                Map<String, Object> model = local.matches("[A-Za-z]+") ? new PageModels(site, lang, langInAddress).classIndex(local).orElse(null) : null;
                if (model == null) throw new Refused(404, "There is no class " + local + " in the ontology.");
                return ResponseCache.Body.of(site.render("class", model).getBytes(StandardCharsets.UTF_8), HTML);
            }), true);
        } else if (path.equals("/ontology") || path.startsWith("/ontology.")) {
            ontology(path, req, resp);
        } else if (path.equals("/dataset") || path.equals("/.well-known/void") || path.startsWith("/dataset.")) {
            datasetDescription(path, req, resp);
        } else if (path.equals("/dumps") || path.equals("/dumps/")) {
            dumpIndex(req, resp);
        } else if (path.startsWith("/dumps/")) {
            var dump = dumps.get(path.substring(7)).orElseThrow(() -> new Refused(404, "No such dump: see /dumps/ for the list."));
            send(req, resp, new ResponseCache.Body(dump.bytes(), dump.contentType(), dump.etag()), false);
        } else if (path.equals("/sitemap.xml")) {
            send(req, resp, ResponseCache.Body.of(sitemap(req).getBytes(StandardCharsets.UTF_8), "application/xml; charset=utf-8"), false);
        } else if (path.equals("/robots.txt")) {
            String robots = "User-agent: *\nAllow: /\nDisallow: " + IbcrServer.DATASET + "/\nSitemap: " + absoluteBase(req) + "/sitemap.xml\n";
            send(req, resp, ResponseCache.Body.of(robots.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8"), false);
        } else if (path.equals("/site.css")) {
            send(req, resp, STYLE, false);
        } else if (path.equals("/timeline")) {
            html(req, resp, "timeline", lang(req), l -> new PageModels(site, l, langInAddress(req)).timelinePage());
        } else if (path.equals("/graph")) {
            html(req, resp, "graph", lang(req), l -> new PageModels(site, l, langInAddress(req)).graphPage(WebJarServlet.CYTOSCAPE));
        } else if (path.equals("/graph.js")) {
            resp.setHeader("X-Content-Type-Options", "nosniff");
            send(req, resp, SCRIPT, false);
        } else {
            throw new Refused(404, "Nothing here.");
        }
    }

    // ---- dereferencing

    private void requireResource(String resourcePath) {
        if (!resourcePath.matches("[a-z]+/[a-z0-9.-]+")) throw new Refused(404, "Not an identifier of this dataset.");
        String iri = site.address().canonical(resourcePath);
        if (!site.content().exists(NodeFactory.createURI(iri))) throw new Refused(404, "There is no resource " + iri + ".");
    }

    private void redirect(String resourcePath, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        requireResource(resourcePath);
        resp.setHeader("Vary", "Accept");
        Optional<String> type = Negotiation.choose(req.getHeader("Accept"), Negotiation.RESOURCE);
        if (type.isEmpty()) {
            notAcceptable(resp);
            return;
        }
        String location = Negotiation.isHtml(type.get()) ? site.address().page(resourcePath)
                : site.address().data(resourcePath, extension(type.get()));
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", location);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().println("See " + location);
    }

    private void dataDocument(String file, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int dot = file.lastIndexOf('.');
        if (dot < 0) throw new Refused(404, "Data documents end with .ttl, .nt, .jsonld or .rdf.");
        String resourcePath = file.substring(0, dot);
        RdfFormat format = byExtension(file.substring(dot + 1)).orElseThrow(() -> new Refused(404, "Data documents end with .ttl, .nt, .jsonld or .rdf."));
        send(req, resp, cache.get(List.of("data", file), () -> {
            requireResource(resourcePath);
            return graphBody(site.content().dataDocument(site.address().canonical(resourcePath)), format);
        }), false);
    }

    private void ontology(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/ontology")) {
            resp.setHeader("Vary", "Accept");
            Optional<String> type = Negotiation.choose(req.getHeader("Accept"), Negotiation.RESOURCE);
            if (type.isEmpty()) {
                notAcceptable(resp);
                return;
            }
            if (Negotiation.isHtml(type.get())) {
                html(req, resp, "ontology", lang(req), l -> new PageModels(site, l, langInAddress(req)).ontology());
                return;
            }
            RdfFormat format = byExtension(extension(type.get())).orElseThrow();
            send(req, resp, cache.get(List.of("ontology", format), () -> graphBody(ontologyGraph(), format)), false);
            return;
        }
        RdfFormat format = byExtension(path.substring("/ontology.".length())).orElseThrow(() -> new Refused(404, "Unknown format."));
        send(req, resp, cache.get(List.of("ontology", format), () -> graphBody(ontologyGraph(), format)), false);
    }

    private Graph ontologyGraph() {
        Node name = NodeFactory.createURI(site.address().canonicalBase() + "graph/ontology");
        return org.apache.jena.system.Txn.calculateRead(site.content().dataset(), () -> {
            Graph copy = GraphFactory.createDefaultGraph();
            site.content().dataset().getGraph(name).find().forEachRemaining(copy::add);
            return copy;
        });
    }

    /** The dataset description, with what only the server knows: its endpoint, dumps and pages. */
    private void datasetDescription(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        RdfFormat format;
        if (path.startsWith("/dataset.")) {
            format = byExtension(path.substring("/dataset.".length())).orElseThrow(() -> new Refused(404, "Unknown format."));
        } else {
            resp.setHeader("Vary", "Accept");
            Optional<String> type = Negotiation.choose(req.getHeader("Accept"), Negotiation.RESOURCE);
            if (type.isEmpty()) {
                notAcceptable(resp);
                return;
            }
            if (Negotiation.isHtml(type.get())) {
                resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
                resp.setHeader("Location", site.address().url("/"));
                return;
            }
            format = byExtension(extension(type.get())).orElseThrow();
        }
        String base = absoluteBase(req);
        Node d = NodeFactory.createURI(site.address().canonicalBase() + "dataset");
        Node descriptionGraph = NodeFactory.createURI(site.address().canonicalBase() + "graph/dataset");
        Graph g = GraphFactory.createDefaultGraph();
        org.apache.jena.system.Txn.executeRead(site.content().dataset(), () ->
                site.content().dataset().getGraph(descriptionGraph).find().forEachRemaining(g::add));
        g.add(d, VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(base + IbcrServer.DATASET + "/sparql"));
        g.add(d, FOAF.homepage.asNode(), NodeFactory.createURI(base + "/"));
        g.add(d, VOID.rootResource.asNode(), NodeFactory.createURI(base + "/"));
        g.add(d, VOID.uriLookupEndpoint.asNode(), NodeFactory.createURI(base + "/id/"));
        g.add(d, NodeFactory.createURI(VOID.NS + "feature"), NodeFactory.createURI("http://www.w3.org/ns/formats/Turtle"));
        for (String file : Dumps.ORDER) {
            Node url = NodeFactory.createURI(base + "/dumps/" + file);
            g.add(d, VOID.dataDump.asNode(), url);
            Node distribution = NodeFactory.createURI(site.address().canonicalBase() + "dataset#dump-" + file.replace('.', '-'));
            g.add(d, DCAT.distribution.asNode(), distribution);
            g.add(distribution, RDF.type.asNode(), DCAT.Distribution.asNode());
            g.add(distribution, DCAT.downloadURL.asNode(), url);
            g.add(distribution, DCAT.accessURL.asNode(), url);
            g.add(distribution, DCAT.mediaType.asNode(), NodeFactory.createURI("https://www.iana.org/assignments/media-types/"
                    + Dumps.FILES.get(file).lang().getContentType().getContentTypeStr()));
            if (file.endsWith(".gz")) g.add(distribution, NodeFactory.createURI(DCAT.NS + "compressFormat"),
                    NodeFactory.createURI("https://www.iana.org/assignments/media-types/application/gzip"));
            g.add(distribution, DCTerms.title.asNode(), NodeFactory.createLiteralString(file));
        }
        Node service = NodeFactory.createURI(site.address().canonicalBase() + "dataset#sparql");
        g.add(d, DCAT.distribution.asNode(), service);
        g.add(service, RDF.type.asNode(), DCAT.Distribution.asNode());
        g.add(service, DCAT.accessURL.asNode(), NodeFactory.createURI(base + IbcrServer.DATASET + "/sparql"));
        g.add(service, DCTerms.title.asNode(), NodeFactory.createLiteralString("SPARQL endpoint"));
        if (!path.startsWith("/dataset.")) resp.setHeader("Vary", "Accept");
        send(req, resp, graphBody(g, format), false);
    }

    private void dumpIndex(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String lang = lang(req);
        PageModels models = new PageModels(site, lang, langInAddress(req));
        Map<String, Object> model = models.common(site.texts(lang).get("dumps"), "/dumps/");
        List<Map<String, Object>> list = new ArrayList<>();
        for (var dump : dumps.all().values()) {
            list.add(Map.of("name", dump.name(), "href", site.address().url("/dumps/" + dump.name()), "type", dump.rdfType(),
                    "size", dump.bytes().length));
        }
        model.put("dumps", list);
        send(req, resp, ResponseCache.Body.of(site.render("dumps", model).getBytes(StandardCharsets.UTF_8), HTML), true);
    }

    private String sitemap(HttpServletRequest req) {
        String base = absoluteBase(req);
        List<String> urls = new ArrayList<>(List.of(base + "/", base + "/timeline", base + "/graph", base + "/ontology", base + "/query", base + "/dumps/"));
        for (Node cls : site.content().classesInUse()) urls.add(base + "/class/" + cls.getURI().substring(IBCR.NS.length()));
        String prefix = site.address().canonicalBase() + "id/";
        site.content().read(g -> {
            // A sorted set: a subject has several types, and a list's contains() grows with the square of the data.
            java.util.SortedSet<String> pages = new java.util.TreeSet<>();
            g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                Node s = t.getSubject();
                if (s.isURI() && s.getURI().startsWith(prefix) && !s.getURI().contains("#")) {
                    pages.add(base + "/page/" + s.getURI().substring(prefix.length()));
                }
            });
            return urls.addAll(pages);
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        Instant lastModified = lastModified();
        String modified = HTTP_DATE.format(lastModified).isEmpty() ? "" : lastModified.toString().substring(0, 10);
        for (String url : urls) {
            xml.append("  <url><loc>").append(xmlEscape(url)).append("</loc><lastmod>").append(modified).append("</lastmod></url>\n");
        }
        return xml.append("</urlset>\n").toString();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- output

    private interface ModelBuilder {
        Map<String, Object> build(String lang);
    }

    /**
     * Renders a page, or takes it from the cache: a page is a function of its template, address, language and
     * whether the language is in the address (its links keep it), for one version of the data.
     */
    private void html(HttpServletRequest req, HttpServletResponse resp, String template, String lang, ModelBuilder builder) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        ResponseCache.Body body = cache.get(List.of("html", template, path, lang, langInAddress(req)),
                () -> ResponseCache.Body.of(site.render(template, builder.build(lang)).getBytes(StandardCharsets.UTF_8), HTML));
        resp.setHeader("Content-Language", lang);
        send(req, resp, body, true);
    }

    /** A graph written in a format, as a response body. */
    private ResponseCache.Body graphBody(Graph graph, RdfFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        graph.getPrefixMapping().setNsPrefixes(Prefixes.adapt(Namespaces.forBase(site.address().canonicalBase())));
        if (format == RdfFormat.JSONLD) {
            try {
                org.ibcr.kg.write.RdfWriter.writeCompactJsonLd(graph, org.ibcr.kg.vocab.OntologyFiles.context(), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // a byte array does not fail
            }
        } else {
            RDFWriter.source(graph).lang(format.lang()).output(out);
        }
        return ResponseCache.Body.of(out.toByteArray(), format.lang().getContentType().getContentTypeStr()
                + (format.lang().equals(Lang.RDFXML) || format.lang().equals(Lang.JSONLD) ? "" : "; charset=utf-8"));
    }

    /** Sends a body with ETag and Last-Modified, or 304 when the client already has it. */
    private void send(HttpServletRequest req, HttpServletResponse resp, ResponseCache.Body body, boolean varyLanguage) throws IOException {
        String etag = body.etag();
        Instant lastModified = lastModified();
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", HTTP_DATE.format(lastModified));
        resp.setHeader("Cache-Control", "public, max-age=300");
        if (varyLanguage) addVary(resp, "Accept-Language");
        if (ConditionalGet.notModified(req, etag, lastModified)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(body.contentType());
        resp.setContentLength(body.bytes().length);
        resp.getOutputStream().write(body.bytes());
    }

    /** Adds a header name to {@code Vary} unless it is already there. */
    private static void addVary(HttpServletResponse resp, String header) {
        String vary = resp.getHeader("Vary");
        if (vary == null || vary.isBlank()) {
            resp.setHeader("Vary", header);
        } else if (java.util.Arrays.stream(vary.split(",")).map(String::strip).noneMatch(header::equalsIgnoreCase)) {
            resp.setHeader("Vary", vary + ", " + header);
        }
    }

    private void notAcceptable(HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().println("Not acceptable. This resource is available as: " + String.join(", ", Negotiation.RESOURCE));
    }

    private void error(HttpServletRequest req, HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        // HTML for browsers, plain text for the rest: a cache must not give one to the other.
        addVary(resp, "Accept");
        boolean wantsHtml = false;
        try {
            wantsHtml = Negotiation.choose(req.getHeader("Accept"), List.of("text/plain", "text/html")).map(Negotiation::isHtml).orElse(false);
        } catch (Negotiation.MalformedAccept e) {
            wantsHtml = false;
        }
        if (!wantsHtml) {
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().println(message);
            return;
        }
        String lang = "en";
        String param = req.getParameter("lang");
        if (param != null && LinkedDataSite.LANGUAGES.contains(param)) lang = param;
        Map<String, Object> model = new PageModels(site, lang).common(status == 404 ? site.texts(lang).get("not_found") : site.texts(lang).get("error"), "/");
        model.put("message", status == 404 ? message + " " + site.texts(lang).get("not_found_text") : message);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Node cls : site.content().classesInUse()) {
            String local = cls.getURI().substring(IBCR.NS.length());
            items.add(Map.of("label", local, "href", site.address().url("/class/" + local)));
        }
        model.put("classes", Map.of("items", items));
        resp.setContentType("text/html; charset=utf-8");
        resp.getWriter().write(site.render("error", model));
    }

    // ---- helpers

    private static ResponseCache.Body resource(String name, String contentType) {
        try (var in = LinkedDataServlet.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar");
            return ResponseCache.Body.of(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the reader chose the page language in the address: the page's links then keep {@code ?lang=}. */
    private static boolean langInAddress(HttpServletRequest req) {
        return req.getParameter("lang") != null;
    }

    /** The page language: {@code ?lang=} when given (en or fr, else 400), then Accept-Language, then English. */
    private String lang(HttpServletRequest req) {
        String param = req.getParameter("lang");
        if (param != null) {
            if (!LinkedDataSite.LANGUAGES.contains(param)) throw new Refused(400, "Unknown language: use lang=en or lang=fr.");
            return param;
        }
        String header = req.getHeader("Accept-Language");
        if (header == null || header.length() > 500) return "en";
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), LinkedDataSite.LANGUAGES);
            return tag == null ? "en" : tag;
        } catch (IllegalArgumentException e) {
            return "en";
        }
    }

    private String absoluteBase(HttpServletRequest req) {
        if (!site.address().publicBase().isEmpty()) return site.address().publicBase();
        int port = req.getServerPort();
        boolean defaultPort = (req.getScheme().equals("http") && port == 80) || (req.getScheme().equals("https") && port == 443);
        return req.getScheme() + "://" + req.getServerName() + (defaultPort ? "" : ":" + port) + req.getContextPath();
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "application/ld+json" -> "jsonld";
            case "application/n-triples" -> "nt";
            case "application/rdf+xml" -> "rdf";
            default -> "ttl";
        };
    }

    private static Optional<RdfFormat> byExtension(String ext) {
        return switch (ext) {
            case "ttl" -> Optional.of(RdfFormat.TURTLE);
            case "nt" -> Optional.of(RdfFormat.NTRIPLES);
            case "jsonld" -> Optional.of(RdfFormat.JSONLD);
            case "rdf" -> Optional.of(RdfFormat.RDFXML);
            default -> Optional.empty();
        };
    }
}
