package org.ibcr.kg.publish.site;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.NodeFactory;
import org.ibcr.kg.graph.CsvGraphWriter;
import org.ibcr.kg.graph.GexfWriter;
import org.ibcr.kg.graph.GraphFormat;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.GraphWriter;
import org.ibcr.kg.graph.RelationshipGraph;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;

/**
 * The relationship graphs as files ({@code /graph/*}), projected from the served dataset once per data version and
 * kept ({@link GraphViews}, {@link ResponseCache}):
 * {@code /graph/{view}.graphml}, {@code .gexf}, {@code .json} (Cytoscape.js), {@code .dot}, and the Neo4j CSV
 * files {@code /graph/{view}-nodes.csv} and {@code /graph/{view}-edges.csv} ({@code /graph/{view}.csv} is the
 * edges file). Views: actors, organisations, full, geography. The ego network of a resource is
 * {@code /graph/around/{kind}/{slug}.{ext}} (the same formats): the nodes at most {@code ?depth=} links away from
 * it (0 to {@value #MAX_DEPTH}, default 1) in the view {@code ?view=} (default full, which holds every linked
 * resource), as {@code ibcr-kg graph --around IRI --depth N} writes it. Query parameters {@code from} and
 * {@code to} (years), {@code role} (a role id) and {@code lang} (en, fr) filter and label both; {@code version}
 * (1.2draft, the default, or 1.3) is the GEXF version. A bad value is 400, an unknown view, resource or file 404.
 */
final class GraphExportRoute {
    /** The deepest ego network served: at 3 links the full view is most of the graph already. */
    static final int MAX_DEPTH = 3;
    private static final Pattern FILE = Pattern.compile("([a-z]+)(-nodes|-edges)?\\.([a-z]+)");
    private static final Pattern AROUND = Pattern.compile("([a-z]+/[a-z0-9.-]+?)(-nodes|-edges)?\\.([a-z]+)");
    private static final Pattern YEAR = Pattern.compile("-?[0-9]{1,6}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Site site;

    GraphExportRoute(Site site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    /**
     * What a request asks for.
     *
     * @param around the resource path ({@code organisation/sida}) of an ego network, or null for the whole view
     */
    private record Request(View view, GraphFormat format, boolean nodes, Integer from, Integer to, String role, String lang,
            GexfWriter.Version version, String around, int depth) {
        String fileName() {
            String name = around == null ? view.code() : "around-" + around.replace('/', '-') + (depth == 1 ? "" : "-" + depth);
            return "ibcr-" + name + (format == GraphFormat.CSV ? (nodes ? "-nodes" : "-edges") : "") + "." + format.extension();
        }
    }

    /** {@code /graph/*}: a view as a file. */
    Reply handle(Exchange x) {
        Matcher m = FILE.matcher(x.pathInfo());
        if (!m.matches()) throw HttpError.notFound("graph.files");
        View view = View.byCode(m.group(1)).orElseThrow(() -> HttpError.notFound("graph.view.none", m.group(1)));
        return reply(parse(x, view, m.group(2), m.group(3), null, 1));
    }

    /** {@code /graph/around/*}: the ego network of a resource as a file. */
    Reply around(Exchange x) {
        Matcher m = AROUND.matcher(x.pathInfo());
        if (!m.matches()) throw HttpError.notFound("graph.around.files");
        String path = m.group(1);
        String part = m.group(2);
        if (part != null && !m.group(3).equals(GraphFormat.CSV.extension())) { // a slug that ends in -nodes
            path += part;
            part = null;
        }
        String viewCode = Optional.ofNullable(x.parameter("view")).orElse(View.FULL.code());
        View view = View.byCode(viewCode).orElseThrow(() -> HttpError.badRequest("graph.view.unknown", viewCode,
                String.join(", ", java.util.Arrays.stream(View.values()).map(View::code).toList())));
        return reply(parse(x, view, part, m.group(3), path, depth(x)));
    }

    private Reply reply(Request r) {
        Body body = site.cached(r, () -> Body.of(render(r), r.format().contentType()));
        return Reply.of(body).lastModified(site.lastModified()).header("Content-Disposition", "inline; filename=\"" + r.fileName() + "\"");
    }

    private Request parse(Exchange x, View view, String part, String extension, String around, int depth) {
        String help = around == null ? "graph.files" : "graph.around.files";
        GraphFormat format = GraphFormat.byName(extension).filter(f -> f.extension().equals(extension))
                .orElseThrow(() -> HttpError.notFound(help));
        if (part != null && format != GraphFormat.CSV) throw HttpError.notFound(help);
        Integer from = year(x, "from");
        Integer to = year(x, "to");
        if (from != null && to != null && from > to) throw HttpError.badRequest("years.reversed", from, to);
        String lang = Optional.ofNullable(x.parameter("lang")).orElse("en");
        if (!Site.LANGUAGES.contains(lang)) throw HttpError.badRequest("lang.unknown");
        String role = x.parameter("role");
        if (role != null && !ROLE.matcher(role).matches()) throw HttpError.badRequest("graph.role.invalid");
        String v = x.parameter("version");
        GexfWriter.Version version = GexfWriter.Version.V1_2DRAFT;
        if (v != null) {
            if (format != GraphFormat.GEXF) throw HttpError.badRequest("graph.version.gexf_only", v);
            version = GexfWriter.Version.byCode(v).orElseThrow(() -> HttpError.badRequest("graph.version.unknown", v,
                    String.join(", ", java.util.Arrays.stream(GexfWriter.Version.values()).map(GexfWriter.Version::code).toList())));
        }
        return new Request(view, format, "-nodes".equals(part), from, to, role, lang, version, around, depth);
    }

    private static int depth(Exchange x) {
        String value = x.parameter("depth");
        if (value == null) return 1;
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) > MAX_DEPTH) {
            throw HttpError.badRequest("graph.depth.invalid", value, MAX_DEPTH);
        }
        return Integer.parseInt(value);
    }

    private static Integer year(Exchange x, String name) {
        String value = x.parameter(name);
        if (value == null) return null;
        if (!YEAR.matcher(value).matches()) throw HttpError.badRequest("graph.year.invalid", name, value);
        return Integer.valueOf(value);
    }

    /** The projection (kept per data version), cut around the resource if asked, written in the format. */
    private byte[] render(Request r) {
        GraphViews graphs = site.graphs();
        if (r.role() != null && !graphs.roles().contains(r.role())) {
            throw HttpError.badRequest("graph.role.unknown", r.role(), String.join(", ", graphs.roles()));
        }
        RelationshipGraph graph = graphs.project(new GraphViews.Projection(r.view(), r.lang(), r.from(), r.to(), r.role()));
        if (r.around() != null) {
            String iri = site.address().canonical(r.around());
            if (!site.content().exists(NodeFactory.createURI(iri))) throw HttpError.notFound("resource.none", iri);
            if (graph.node(iri).isEmpty()) {
                throw HttpError.notFound(r.from() != null || r.to() != null || r.role() != null
                        ? "graph.not_in_filtered_view" : "graph.not_in_view", iri, r.view().code());
            }
            graph = graph.around(iri, r.depth());
        }
        GraphWriter writer = r.format() == GraphFormat.CSV && r.nodes() ? CsvGraphWriter::writeNodes : r.format().writer(r.version());
        return writer.toBytes(graph);
    }
}
