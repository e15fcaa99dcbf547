package org.ibcr.kg.publish;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The relationship graphs as files, projected from the served dataset once per data version and kept
 * ({@link ResponseCache}):
 * {@code /graph/{view}.graphml}, {@code .gexf}, {@code .json} (Cytoscape.js), {@code .dot}, and the Neo4j CSV
 * files {@code /graph/{view}-nodes.csv} and {@code /graph/{view}-edges.csv} ({@code /graph/{view}.csv} is the
 * edges file). Views: actors, full, geography. Query parameters {@code from} and {@code to} (years),
 * {@code role} (a role id) and {@code lang} (en, fr) filter and label it; a bad value is 400, an unknown view
 * or file 404. Responses carry an ETag of their bytes and the data's Last-Modified, and answer 304 to a matching
 * conditional request.
 */
final class GraphExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The route it serves. Only files below {@code /graph/}: {@code /graph} itself is the network page's. */
    static final String ROUTE = "/graph/*";
    private static final String PREFIX = "/graph/";
    private static final Pattern FILE = Pattern.compile("([a-z]+)(-nodes|-edges)?\\.([a-z]+)");
    private static final Pattern YEAR = Pattern.compile("-?[0-9]{1,6}");
    private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final transient SiteContent content;
    private final Instant dataModified;
    private final transient DataVersion version;
    private final transient ResponseCache cache;

    GraphExportServlet(SiteContent content, Instant dataModified, DataVersion version, ResponseCache cache) {
        this.content = Objects.requireNonNull(content, "content");
        this.dataModified = Objects.requireNonNull(dataModified, "dataModified");
        this.version = Objects.requireNonNull(version, "version");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** A request refused with a status and a message for the client. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** What a request asks for. */
    private record Request(View view, GraphFormat format, boolean nodes, Integer from, Integer to, String role, String lang) {
        String fileName() {
            return "ibcr-" + view.code() + (format == GraphFormat.CSV ? (nodes ? "-nodes" : "-edges") : "") + "." + format.extension();
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            Request r = parse(req);
            ResponseCache.Body body;
            try {
                body = cache.get(r, () -> {
                    try {
                        return ResponseCache.Body.of(render(r), r.format().contentType());
                    } catch (Refused e) {
                        throw new RefusedUnchecked(e);
                    }
                });
            } catch (RefusedUnchecked e) {
                throw e.refused;
            }
            send(req, resp, body, r);
        } catch (Refused e) {
            resp.setStatus(e.status);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().println(e.getMessage());
        }
    }

    private Request parse(HttpServletRequest req) throws Refused {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String file = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        Matcher m = FILE.matcher(file);
        if (!m.matches()) throw new Refused(404, notFound());
        View view = View.byCode(m.group(1)).orElseThrow(() -> new Refused(404, "There is no view " + m.group(1) + ". " + notFound()));
        GraphFormat format = GraphFormat.byName(m.group(3)).filter(f -> f.extension().equals(m.group(3)))
                .orElseThrow(() -> new Refused(404, notFound()));
        boolean part = m.group(2) != null;
        if (part && format != GraphFormat.CSV) throw new Refused(404, notFound());
        Integer from = year(req, "from");
        Integer to = year(req, "to");
        if (from != null && to != null && from > to) throw new Refused(400, "from=" + from + " is after to=" + to + ".");
        String lang = Optional.ofNullable(req.getParameter("lang")).orElse("en");
        if (!LinkedDataSite.LANGUAGES.contains(lang)) throw new Refused(400, "Unknown language: use lang=en or lang=fr.");
        String role = req.getParameter("role");
        if (role != null && !ROLE.matcher(role).matches()) throw new Refused(400, "Invalid role: give a role id, such as role=funder.");
        return new Request(view, format, "-nodes".equals(m.group(2)), from, to, role, lang);
    }

    private static String notFound() {
        return "Graph files are /graph/{actors,full,geography}.{graphml,gexf,json,dot}, /graph/{view}-nodes.csv and "
                + "/graph/{view}-edges.csv.";
    }

    private static Integer year(HttpServletRequest req, String name) throws Refused {
        String value = req.getParameter(name);
        if (value == null) return null;
        if (!YEAR.matcher(value).matches()) throw new Refused(400, "Invalid " + name + "=" + value + ": give a year, such as " + name + "=2008.");
        return Integer.valueOf(value);
    }

    /** Projects the served dataset, in a read transaction, and writes the file. */
    private byte[] render(Request r) throws Refused {
        var dsg = content.dataset();
        RelationshipGraph graph;
        try {
            graph = Txn.calculateRead(dsg, () -> {
                GraphProjector projector = GraphProjector.over(DatasetFactory.wrap(dsg));
                if (r.role() != null) {
                    List<String> roles = projector.roles();
                    if (!roles.contains(r.role())) throw new UnknownRole(roles);
                }
                return projector.lang(r.lang()).from(r.from()).to(r.to()).role(r.role()).project(r.view());
            });
        } catch (UnknownRole e) {
            throw new Refused(400, "Unknown role " + r.role() + ": use one of " + String.join(", ", e.roles) + ".");
        }
        GraphWriter writer = r.format() == GraphFormat.CSV && r.nodes() ? CsvGraphWriter::writeNodes : r.format().writer();
        return writer.toBytes(graph);
    }

    /** Carries a refusal out of the cache's computation. */
    private static final class RefusedUnchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Refused refused;

        RefusedUnchecked(Refused refused) {
            super(null, null, false, false);
            this.refused = refused;
        }
    }

    private static final class UnknownRole extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<String> roles;

        UnknownRole(List<String> roles) {
            super(null, null, false, false);
            this.roles = roles;
        }
    }

    private void send(HttpServletRequest req, HttpServletResponse resp, ResponseCache.Body body, Request r) throws IOException {
        String etag = body.etag();
        Instant lastModified = version.lastModified(dataModified);
        resp.setHeader("ETag", etag);
        resp.setHeader("Last-Modified", HTTP_DATE.format(lastModified));
        resp.setHeader("Cache-Control", "public, max-age=300");
        if (ConditionalGet.notModified(req, etag, lastModified)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(r.format().contentType());
        resp.setHeader("Content-Disposition", "inline; filename=\"" + r.fileName() + "\"");
        resp.setContentLength(body.bytes().length);
        resp.getOutputStream().write(body.bytes());
    }
}
