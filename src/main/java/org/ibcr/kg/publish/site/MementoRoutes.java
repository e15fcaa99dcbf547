package org.ibcr.kg.publish.site;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.store.VersionLog;

/**
 * <a href="https://www.rfc-editor.org/rfc/rfc7089">Memento</a> (RFC 7089) for the data documents of resources: a data
 * document {@code /data/{path}.{ext}} is an Original Resource and its own TimeGate (pattern 1.1: with
 * {@code Accept-Datetime}, 302 to the memento of that date, {@code Vary: accept-datetime}); the memento of version
 * N is {@code /memento/N/data/{path}.{ext}}: the resource's triples, and those of the nodes inside its document
 * ({@code #time}...), as of that version, rebuilt from the version patches, with {@code Memento-Datetime} and links to the original and the TimeMap, and never changes; the TimeMap
 * {@code /timemap/data/{path}.{ext}} ({@code application/link-format}) lists a memento for every version that
 * changed the resource. A resource's HTML page {@code /page/{path}} is an original resource the same way: its
 * mementos {@code /memento/N/page/{path}} list its statements of then (values named by today's labels), and its
 * TimeMap is {@code /timemap/page/{path}}. Dates have the second's precision of HTTP dates: a version is seen from
 * the second it was recorded in.
 *
 * <pre>{@code
 * GET /data/city/paris.ttl
 * Accept-Datetime: Tue, 01 Dec 2026 10:00:00 GMT
 * -> 302 Location: /memento/3/data/city/paris.ttl
 * }</pre>
 */
final class MementoRoutes {
    static final String LINK_FORMAT = "application/link-format";
    /** A memento never changes. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Site site;

    MementoRoutes(Site site) {
        this.site = site;
    }

    /** A data document's file, {@code kind/slug.ext}, as its resource path and format. */
    record DataFile(String path, DocumentFormat format) {
        String name() {
            return path + "." + format.extension();
        }

        static DataFile parse(String file) {
            int dot = file.lastIndexOf('.');
            String extensions = DocumentFormat.extensions();
            if (dot < 0) throw HttpError.notFound("memento.data_extension", extensions);
            DocumentFormat format = DocumentFormat.byExtension(file.substring(dot + 1)).orElseThrow(() -> HttpError.notFound("memento.data_extension", extensions));
            return new DataFile(file.substring(0, dot), format);
        }
    }

    /** The links every data document and its mementos carry: the original, its TimeGate (itself) and the TimeMap. */
    Reply linked(Reply reply, DataFile file, String base) {
        return linked(reply, "data/" + file.name(), base);
    }

    /** As {@link #linked(Reply, DataFile, String)}, for an original named by its path after the site's root. */
    private Reply linked(Reply reply, String original, String base) {
        if (site.history().isEmpty()) return reply;
        return reply.link(base + "/" + original, "original timegate", null).link(base + "/timemap/" + original, "timemap", LINK_FORMAT)
                .vary("Accept-Datetime");
    }

    /** The links of a resource's HTML page: it is an original resource and its own TimeGate too. */
    Reply linkedPage(Reply reply, String path, String base) {
        return linked(reply, "page/" + path, base);
    }

    /** The TimeGate: {@code Accept-Datetime} on a data document, 302 to the memento of the resource at that date. */
    Reply timeGate(Exchange x, DataFile file, String acceptDatetime) {
        return timeGate(x, file.path(), "data/" + file.name(), acceptDatetime);
    }

    /** The TimeGate of a resource's page: 302 to the page as of that date. */
    Reply pageTimeGate(Exchange x, String path, String acceptDatetime) {
        return timeGate(x, path, "page/" + path, acceptDatetime).vary("Accept-Language");
    }

    private Reply timeGate(Exchange x, String path, String original, String acceptDatetime) {
        Instant when = parse(acceptDatetime);
        History history = history();
        Node resource = resource(path);
        List<VersionLog.Version> versions = history.log().read(current -> mementos(history, resource, current));
        if (versions.isEmpty()) throw HttpError.notFound("memento.unrecorded", resource.getURI());
        VersionLog.Version chosen = versions.get(0); // before the first: the first, as RFC 7089 allows
        for (VersionLog.Version v : versions) {
            if (!v.time().truncatedTo(ChronoUnit.SECONDS).isAfter(when)) chosen = v;
        }
        return linked(Reply.redirect(302, x.absoluteBase() + "/memento/" + chosen.number() + "/" + original), original, x.absoluteBase());
    }

    /** {@code /memento/N/data/{path}.{ext}}: the resource as of version N. */
    Reply memento(Exchange x) {
        String info = x.pathInfo();
        int slash = info.indexOf('/');
        String rest = slash < 0 ? "" : info.substring(slash + 1);
        if (!rest.startsWith("data/") && !rest.startsWith("page/")) {
            throw HttpError.notFound("memento.form");
        }
        long number = number(info.substring(0, slash));
        if (rest.startsWith("page/")) return pageMemento(x, number, rest.substring("page/".length()));
        DataFile file = DataFile.parse(rest.substring("data/".length()));
        History history = history();
        Node resource = resource(file.path());
        if (number > history.log().latestNumber()) throw HttpError.notFound("version.none", number);
        Instant time = history.log().versions().get((int) number - 1).time();
        Body body = site.cached(List.of("memento", number, file.name()), () -> {
            // As the data document was then: the resource and the nodes inside its document (#time...).
            Graph state = history.log().read(current -> history.describeDocument(resource, number, current));
            if (state.isEmpty()) throw absent(history, resource, number);
            return site.document(state, file.format());
        });
        return linked(Reply.of(body), file, x.absoluteBase()).header("Memento-Datetime", Reply.HTTP_DATE.format(time)).cacheControl(IMMUTABLE);
    }

    /** {@code /memento/N/page/{path}}: the resource's page as of version N, in the reader's language. */
    private Reply pageMemento(Exchange x, long number, String path) {
        History history = history();
        Node resource = resource(path);
        if (number > history.log().latestNumber()) throw HttpError.notFound("version.none", number);
        Instant time = history.log().versions().get((int) number - 1).time();
        String base = x.absoluteBase();
        Reply reply = site.html(x, "memento", lang -> {
            Graph state = history.log().read(current -> history.describe(Set.of(resource), number, current).get(resource));
            if (state.isEmpty()) throw absent(history, resource, number);
            return new PageModels(site, lang, x.langInAddress()).memento(path, x.path(), state, number, Reply.HTTP_DATE.format(time),
                    site.address().url("/timemap/page/" + path));
        });
        return linked(reply, "page/" + path, base).header("Memento-Datetime", Reply.HTTP_DATE.format(time)).cacheControl(IMMUTABLE);
    }

    /** {@code /timemap/data/{path}.{ext}} or {@code /timemap/page/{path}}: every memento of a data document or page, in link format. */
    Reply timeMap(Exchange x) {
        String info = x.pathInfo();
        if (!info.startsWith("data/") && !info.startsWith("page/")) {
            throw HttpError.notFound("timemap.form");
        }
        String originalPath = info;
        Node resource = info.startsWith("page/") ? resource(info.substring("page/".length()))
                : resource(DataFile.parse(info.substring("data/".length())).path());
        History history = history();
        String base = x.absoluteBase();
        Body body = site.cached(List.of("timemap", originalPath, base), () -> {
            List<VersionLog.Version> versions = history.log().read(current -> mementos(history, resource, current));
            if (versions.isEmpty()) throw HttpError.notFound("memento.unrecorded", resource.getURI());
            String original = base + "/" + originalPath;
            List<String> links = new ArrayList<>();
            links.add("<" + original + ">; rel=\"original timegate\"");
            links.add("<" + base + "/timemap/" + originalPath + ">; rel=\"self\"; type=\"" + LINK_FORMAT + "\""
                    + (versions.isEmpty() ? "" : "; from=\"" + date(versions.get(0)) + "\"; until=\"" + date(versions.get(versions.size() - 1)) + "\""));
            for (int i = 0; i < versions.size(); i++) {
                VersionLog.Version v = versions.get(i);
                String rel = versions.size() == 1 ? "first last memento" : i == 0 ? "first memento" : i == versions.size() - 1 ? "last memento" : "memento";
                links.add("<" + base + "/memento/" + v.number() + "/" + originalPath + ">; rel=\"" + rel + "\"; datetime=\"" + date(v) + "\"");
            }
            return Body.of((String.join(",\n", links) + "\n").getBytes(StandardCharsets.UTF_8), LINK_FORMAT + "; charset=utf-8");
        });
        return Reply.of(body).lastModified(site.lastModified()).link(base + "/" + originalPath, "original timegate", null);
    }

    static String mementoPath(long number, DataFile file) {
        return "/memento/" + number + "/data/" + file.name();
    }

    /** The versions that changed the resource and after which it had triples: its mementos. */
    /**
     * The refusal of a memento of a resource with no triples at version {@code number}: 410 Gone where an earlier
     * version had it (it was deleted), 404 where none did.
     */
    private static HttpError absent(History history, Node resource, long number) {
        boolean was = history.log().read(current -> mementos(history, resource, current)).stream().anyMatch(v -> v.number() < number);
        return was ? new HttpError(410, "memento.deleted", resource.getURI(), number)
                : HttpError.notFound("memento.no_triples", resource.getURI(), number);
    }

    private static List<VersionLog.Version> mementos(History history, Node resource, long current) {
        List<VersionLog.Version> out = new ArrayList<>();
        for (VersionLog.Version v : history.versionsOf(resource, current)) {
            Map<Node, Graph> state = history.describe(Set.of(resource), v.number(), current);
            if (!state.get(resource).isEmpty()) out.add(v);
        }
        return out;
    }

    private static String date(VersionLog.Version v) {
        return Reply.HTTP_DATE.format(v.time());
    }

    private History history() {
        return site.history().orElseThrow(() -> HttpError.notFound("versions.none"));
    }

    private Node resource(String path) {
        if (!path.matches(ResourceRoutes.RESOURCE_PATH)) throw HttpError.notFound("identifier.not_ours");
        return NodeFactory.createURI(site.address().canonical(path));
    }

    private static long number(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw HttpError.notFound("version.number", text);
    }

    /** An HTTP date (RFC 1123, as RFC 7089 asks); anything else is 400. */
    private static Instant parse(String text) {
        try {
            return ZonedDateTime.parse(text.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest("memento.datetime", text);
        }
    }
}
