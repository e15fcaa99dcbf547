package org.ibcr.kg.publish.site;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;
import org.ibcr.kg.store.VersionLog;
import org.ibcr.kg.vocab.IBCR;

/**
 * The files of the site: the dumps and their index ({@code /dumps/}), {@code /sitemap.xml}, {@code /robots.txt},
 * the style sheet, the network page's script, and the WebJars ({@code /webjars/...}).
 */
final class FileRoutes {
    /** The style sheet and the network page's script, read once from the jar. */
    private static final Body STYLE = Site.resource("/static/site.css", "text/css; charset=utf-8");
    private static final Body SCRIPT = Site.resource("/static/graph.js", "text/javascript; charset=utf-8");
    private static final Body ICON = Site.resource("/static/favicon.ico", "image/x-icon");

    private final Site site;
    private final Dumps dumps;
    private final WebJars webJars = new WebJars();
    private final String datasetPath;

    FileRoutes(Site site, String datasetPath) {
        this.site = site;
        this.datasetPath = datasetPath;
        this.dumps = new Dumps(site.content(), site.address().canonicalBase(), site.version());
    }

    /** {@code /dumps/*}: the index ({@code /dumps}, {@code /dumps/}), one dump, or a dated one ({@code /dumps/{version}/{name}}). */
    Reply dumps(Exchange x) {
        String name = x.pathInfo();
        int slash = name.indexOf('/');
        if (slash > 0) return dated(name.substring(0, slash), name.substring(slash + 1));
        if (!name.isEmpty()) {
            Dumps.Dump dump = dumps.get(name).orElseThrow(() -> HttpError.notFound("dumps.none"));
            return Reply.of(dump.body()).lastModified(site.lastModified());
        }
        List<Pages.VersionRow> versions = new ArrayList<>();
        List<VersionLog.Version> kept = new ArrayList<>(site.keptVersions());
        java.util.Collections.reverse(kept); // newest first
        for (VersionLog.Version v : kept) {
            versions.add(new Pages.VersionRow(v.number(), Reply.HTTP_DATE.format(v.time()), Dumps.DATED.stream()
                    .map(f -> new Pages.ExportFile(f.name(), site.address().url("/dumps/" + v.number() + "/" + f.name()))).toList()));
        }
        return site.html(x, "dumps", lang -> new PageModels(site, lang, x.langInAddress()).dumps(dumps.all().values().stream()
                .map(d -> new Pages.DumpRow(d.name(), site.address().url("/dumps/" + d.name()), d.file().format().mediaType(),
                        d.body().bytes().length)).toList(), versions));
    }

    /** {@code /dumps/{version}/{name}}: a dump of a kept version, as it was; it never changes. */
    private Reply dated(String number, String name) {
        Dumps.File file = Dumps.DATED.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> HttpError.notFound("dumps.version_files", Dumps.DATED.stream().map(Dumps.File::name).toList()));
        List<VersionLog.Version> kept = site.keptVersions();
        VersionLog.Version version = kept.stream().filter(v -> Long.toString(v.number()).equals(number)).findFirst()
                .orElseThrow(() -> (kept.isEmpty() ? HttpError.notFound("dumps.kept.none")
                        : HttpError.notFound("dumps.kept.range", kept.get(0).number(), kept.get(kept.size() - 1).number())));
        History history = site.history().orElseThrow();
        Body body = site.cached(List.of("dated-dump", version.number(), name), () -> Dumps.write(
                history.log().read(current -> history.datasetAt(version.number(), current)), file, site.address().canonicalBase()));
        return Reply.of(body).lastModified(version.time()).cacheControl("public, max-age=31536000, immutable");
    }

    /**
     * {@code /sitemap.xml}: every page in English and in French, each with its {@code hreflang} alternates, for crawlers; a
     * resource's page has the date of the version that last changed it. Past the protocol's 50,000 URLs a file it is a
     * sitemap index of the parts at {@code /sitemap/{n}.xml} ({@link Sitemap}).
     */
    Reply sitemap(Exchange x) {
        String base = x.absoluteBase();
        Body body = site.cached(List.of("sitemap", base), () -> {
            Sitemap map = sitemapOf(base);
            String xml = map.parts() == 1 ? map.part(1) : map.index(base + "/sitemap/");
            return Body.text(xml, "application/xml; charset=utf-8");
        });
        return Reply.of(body).lastModified(site.lastModified());
    }

    /** {@code /sitemap/{n}.xml}: a part of a sitemap too large for one file (part 1 of a small one is the whole sitemap). */
    Reply sitemapPart(Exchange x) {
        String base = x.absoluteBase();
        String name = x.pathInfo().startsWith("/") ? x.pathInfo().substring(1) : x.pathInfo();
        if (!name.matches("[1-9][0-9]{0,6}\\.xml")) throw HttpError.notFound("sitemap.part.form");
        int n = Integer.parseInt(name.substring(0, name.length() - 4));
        Body body = site.cached(List.of("sitemap", base, n), () -> {
            Sitemap map = sitemapOf(base);
            if (n > map.parts()) return null;
            return Body.text(map.part(n), "application/xml; charset=utf-8");
        });
        if (body == null) throw HttpError.notFound("sitemap.part.none", n);
        return Reply.of(body).lastModified(site.lastModified());
    }

    private Sitemap sitemapOf(String base) {
        String modified = site.lastModified().toString().substring(0, 10);
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (String path : List.of("/", "/timeline", "/graph", "/map", "/ontology", "/query", "/dumps/")) urls.put(base + path, modified);
        for (Node cls : site.content().classesInUse()) urls.put(base + "/class/" + cls.getURI().substring(IBCR.NS.length()), modified);
        java.util.Map<Node, java.time.Instant> changed = site.history().map(h -> h.lastChanged(h.log().latestNumber())).orElse(java.util.Map.of());
        String prefix = site.address().canonicalBase() + "id/";
        site.content().read(g -> {
            // A sorted map: a subject has several types, and a list's contains() grows with the square of the data.
            java.util.SortedMap<String, String> pages = new java.util.TreeMap<>();
            g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                Node s = t.getSubject();
                if (s.isURI() && s.getURI().startsWith(prefix) && !s.getURI().contains("#")) {
                    java.time.Instant when = changed.get(s);
                    pages.put(base + "/page/" + s.getURI().substring(prefix.length()), when == null ? modified : when.toString().substring(0, 10));
                }
            });
            urls.putAll(pages);
            return null;
        });
        return Sitemap.of(urls, Sitemap.MAX_URLS);
    }

    /** {@code /robots.txt}: everything but the SPARQL service, and where the sitemap is. */
    Reply robots(Exchange x) {
        String robots = "User-agent: *\nAllow: /\nDisallow: " + datasetPath + "/\nSitemap: " + x.absoluteBase() + "/sitemap.xml\n";
        return Reply.of(Body.text(robots, "text/plain; charset=utf-8")).lastModified(site.lastModified());
    }

    Reply style(Exchange x) {
        return Reply.of(STYLE).lastModified(site.lastModified());
    }

    Reply script(Exchange x) {
        return Reply.of(SCRIPT).lastModified(site.lastModified());
    }

    /** {@code /favicon.ico}, which browsers ask for on every site: without it each page leaves a 404 in the console. */
    Reply icon(Exchange x) {
        return Reply.of(ICON).lastModified(site.lastModified());
    }

    /**
     * {@code /webjars/*}: a file of a WebJar. A path the container had to decode or normalise (escapes, dot
     * segments) is refused: a plain path names a file plainly.
     */
    Reply webJar(Exchange x) {
        boolean plain = x.request().getRequestURI().equals(x.request().getContextPath() + x.path());
        return webJars.reply(x.request().getPathInfo(), !plain);
    }
}
