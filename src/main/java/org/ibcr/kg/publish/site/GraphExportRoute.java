package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.DatasetFactory;
import org.apache.jena.system.Txn;
import org.ibcr.kg.graph.CsvGraphWriter;
import org.ibcr.kg.graph.GraphFormat;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.GraphWriter;
import org.ibcr.kg.graph.RelationshipGraph;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;

/**
 * The relationship graphs as files ({@code /graph/*}), projected from the served dataset once per data version and
 * kept ({@link ResponseCache}):
 * {@code /graph/{view}.graphml}, {@code .gexf}, {@code .json} (Cytoscape.js), {@code .dot}, and the Neo4j CSV
 * files {@code /graph/{view}-nodes.csv} and {@code /graph/{view}-edges.csv} ({@code /graph/{view}.csv} is the
 * edges file). Views: actors, full, geography. Query parameters {@code from} and {@code to} (years),
 * {@code role} (a role id) and {@code lang} (en, fr) filter and label it; a bad value is 400, an unknown view
 * or file 404.
 */
final class GraphExportRoute {
    private static final Pattern FILE = Pattern.compile("([a-z]+)(-nodes|-edges)?\\.([a-z]+)");
    private static final Pattern YEAR = Pattern.compile("-?[0-9]{1,6}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private final Site site;

    GraphExportRoute(Site site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    /** What a request asks for. */
    private record Request(View view, GraphFormat format, boolean nodes, Integer from, Integer to, String role, String lang) {
        String fileName() {
            return "ibcr-" + view.code() + (format == GraphFormat.CSV ? (nodes ? "-nodes" : "-edges") : "") + "." + format.extension();
        }
    }

    Reply handle(Exchange x) {
        Request r = parse(x);
        Body body = site.cached(r, () -> Body.of(render(r), r.format().contentType()));
        return Reply.of(body).lastModified(site.lastModified()).header("Content-Disposition", "inline; filename=\"" + r.fileName() + "\"");
    }

    private Request parse(Exchange x) {
        Matcher m = FILE.matcher(x.pathInfo());
        if (!m.matches()) throw HttpError.notFound(notFound());
        View view = View.byCode(m.group(1)).orElseThrow(() -> HttpError.notFound("There is no view " + m.group(1) + ". " + notFound()));
        GraphFormat format = GraphFormat.byName(m.group(3)).filter(f -> f.extension().equals(m.group(3)))
                .orElseThrow(() -> HttpError.notFound(notFound()));
        boolean part = m.group(2) != null;
        if (part && format != GraphFormat.CSV) throw HttpError.notFound(notFound());
        Integer from = year(x, "from");
        Integer to = year(x, "to");
        if (from != null && to != null && from > to) throw HttpError.badRequest("from=" + from + " is after to=" + to + ".");
        String lang = Optional.ofNullable(x.parameter("lang")).orElse("en");
        if (!Site.LANGUAGES.contains(lang)) throw HttpError.badRequest("Unknown language: use lang=en or lang=fr.");
        String role = x.parameter("role");
        if (role != null && !ROLE.matcher(role).matches()) throw HttpError.badRequest("Invalid role: give a role id, such as role=funder.");
        return new Request(view, format, "-nodes".equals(m.group(2)), from, to, role, lang);
    }

    private static String notFound() {
        return "Graph files are /graph/{actors,full,geography}.{graphml,gexf,json,dot}, /graph/{view}-nodes.csv and "
                + "/graph/{view}-edges.csv.";
    }

    private static Integer year(Exchange x, String name) {
        String value = x.parameter(name);
        if (value == null) return null;
        if (!YEAR.matcher(value).matches()) throw HttpError.badRequest("Invalid " + name + "=" + value + ": give a year, such as " + name + "=2008.");
        return Integer.valueOf(value);
    }

    /** Projects the served dataset, in a read transaction, and writes the file. */
    private byte[] render(Request r) {
        var dsg = site.content().dataset();
        RelationshipGraph graph = Txn.calculateRead(dsg, () -> {
            GraphProjector projector = GraphProjector.over(DatasetFactory.wrap(dsg));
            if (r.role() != null) {
                List<String> roles = projector.roles();
                if (!roles.contains(r.role())) throw HttpError.badRequest("Unknown role " + r.role() + ": use one of " + String.join(", ", roles) + ".");
            }
            return projector.lang(r.lang()).from(r.from()).to(r.to()).role(r.role()).project(r.view());
        });
        GraphWriter writer = r.format() == GraphFormat.CSV && r.nodes() ? CsvGraphWriter::writeNodes : r.format().writer();
        return writer.toBytes(graph);
    }
}
