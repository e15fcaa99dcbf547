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
        if (!m.matches()) throw HttpError.notFound(notFound());
        View view = View.byCode(m.group(1)).orElseThrow(() -> HttpError.notFound("There is no view " + m.group(1) + ". " + notFound()));
        return reply(parse(x, view, m.group(2), m.group(3), null, 1));
    }

    /** {@code /graph/around/*}: the ego network of a resource as a file. */
    Reply around(Exchange x) {
        Matcher m = AROUND.matcher(x.pathInfo());
        if (!m.matches()) throw HttpError.notFound(notFoundAround());
        String path = m.group(1);
        String part = m.group(2);
        if (part != null && !m.group(3).equals(GraphFormat.CSV.extension())) { // a slug that ends in -nodes
            path += part;
            part = null;
        }
        String viewCode = Optional.ofNullable(x.parameter("view")).orElse(View.FULL.code());
        View view = View.byCode(viewCode).orElseThrow(() -> HttpError.badRequest("Unknown view=" + viewCode + ": use one of "
                + String.join(", ", java.util.Arrays.stream(View.values()).map(View::code).toList()) + "."));
        return reply(parse(x, view, part, m.group(3), path, depth(x)));
    }

    private Reply reply(Request r) {
        Body body = site.cached(r, () -> Body.of(render(r), r.format().contentType()));
        return Reply.of(body).lastModified(site.lastModified()).header("Content-Disposition", "inline; filename=\"" + r.fileName() + "\"");
    }

    private Request parse(Exchange x, View view, String part, String extension, String around, int depth) {
        String help = around == null ? notFound() : notFoundAround();
        GraphFormat format = GraphFormat.byName(extension).filter(f -> f.extension().equals(extension))
                .orElseThrow(() -> HttpError.notFound(help));
        if (part != null && format != GraphFormat.CSV) throw HttpError.notFound(help);
        Integer from = year(x, "from");
        Integer to = year(x, "to");
        if (from != null && to != null && from > to) throw HttpError.badRequest("from=" + from + " is after to=" + to + ".");
        String lang = Optional.ofNullable(x.parameter("lang")).orElse("en");
        if (!Site.LANGUAGES.contains(lang)) throw HttpError.badRequest("Unknown language: use lang=en or lang=fr.");
        String role = x.parameter("role");
        if (role != null && !ROLE.matcher(role).matches()) throw HttpError.badRequest("Invalid role: give a role id, such as role=funder.");
        String v = x.parameter("version");
        GexfWriter.Version version = GexfWriter.Version.V1_2DRAFT;
        if (v != null) {
            if (format != GraphFormat.GEXF) throw HttpError.badRequest("version=" + v + " applies to GEXF files (.gexf) only.");
            version = GexfWriter.Version.byCode(v).orElseThrow(() -> HttpError.badRequest("Unknown GEXF version=" + v + ": use one of "
                    + String.join(", ", java.util.Arrays.stream(GexfWriter.Version.values()).map(GexfWriter.Version::code).toList()) + "."));
        }
        return new Request(view, format, "-nodes".equals(part), from, to, role, lang, version, around, depth);
    }

    private static int depth(Exchange x) {
        String value = x.parameter("depth");
        if (value == null) return 1;
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) > MAX_DEPTH) {
            throw HttpError.badRequest("Invalid depth=" + value + ": give a number of links from 0 to " + MAX_DEPTH + ".");
        }
        return Integer.parseInt(value);
    }

    private static String notFound() {
        return "Graph files are /graph/{actors,organisations,full,geography}.{graphml,gexf,json,dot}, /graph/{view}-nodes.csv "
                + "and /graph/{view}-edges.csv; the network around a resource is /graph/around/{kind}/{slug}.{graphml,gexf,json,dot,csv}.";
    }

    private static String notFoundAround() {
        return "The network around a resource is /graph/around/{kind}/{slug}.{graphml,gexf,json,dot}, "
                + "/graph/around/{kind}/{slug}-nodes.csv or -edges.csv, such as /graph/around/organisation/ibcr.gexf.";
    }

    private static Integer year(Exchange x, String name) {
        String value = x.parameter(name);
        if (value == null) return null;
        if (!YEAR.matcher(value).matches()) throw HttpError.badRequest("Invalid " + name + "=" + value + ": give a year, such as " + name + "=2008.");
        return Integer.valueOf(value);
    }

    /** The projection (kept per data version), cut around the resource if asked, written in the format. */
    private byte[] render(Request r) {
        GraphViews graphs = site.graphs();
        if (r.role() != null && !graphs.roles().contains(r.role())) {
            throw HttpError.badRequest("Unknown role " + r.role() + ": use one of " + String.join(", ", graphs.roles()) + ".");
        }
        RelationshipGraph graph = graphs.project(new GraphViews.Projection(r.view(), r.lang(), r.from(), r.to(), r.role()));
        if (r.around() != null) {
            String iri = site.address().canonical(r.around());
            if (!site.content().exists(NodeFactory.createURI(iri))) throw HttpError.notFound("There is no resource " + iri + ".");
            if (graph.node(iri).isEmpty()) {
                throw HttpError.notFound(iri + " is no node of the " + r.view().code() + " view"
                        + (r.from() != null || r.to() != null || r.role() != null ? " with these filters" : "")
                        + "; the full view (view=full) holds every linked resource.");
            }
            graph = graph.around(iri, r.depth());
        }
        GraphWriter writer = r.format() == GraphFormat.CSV && r.nodes() ? CsvGraphWriter::writeNodes : r.format().writer(r.version());
        return writer.toBytes(graph);
    }
}
