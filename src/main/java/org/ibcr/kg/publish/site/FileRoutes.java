package org.ibcr.kg.publish.site;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;
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

    /** {@code /dumps/*}: the index ({@code /dumps}, {@code /dumps/}) or one dump. */
    Reply dumps(Exchange x) {
        String name = x.pathInfo();
        if (!name.isEmpty()) {
            Dumps.Dump dump = dumps.get(name).orElseThrow(() -> HttpError.notFound("No such dump: see /dumps/ for the list."));
            return Reply.of(dump.body()).lastModified(site.lastModified());
        }
        return site.html(x, "dumps", lang -> new PageModels(site, lang, x.langInAddress()).dumps(dumps.all().values().stream()
                .map(d -> new Pages.DumpRow(d.name(), site.address().url("/dumps/" + d.name()), d.file().format().mediaType(),
                        d.body().bytes().length)).toList()));
    }

    /** {@code /sitemap.xml}: every page in English and in French, each with its {@code hreflang} alternates, for crawlers. */
    Reply sitemap(Exchange x) {
        String base = x.absoluteBase();
        List<String> urls = new ArrayList<>(List.of(base + "/", base + "/timeline", base + "/graph", base + "/map", base + "/ontology", base + "/query", base + "/dumps/"));
        for (Node cls : site.content().classesInUse()) urls.add(base + "/class/" + cls.getURI().substring(IBCR.NS.length()));
        String prefix = site.address().canonicalBase() + "id/";
        site.content().read(g -> {
            // A sorted set: a subject has several types, and a list's contains() grows with the square of the data.
            SortedSet<String> pages = new TreeSet<>();
            g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                Node s = t.getSubject();
                if (s.isURI() && s.getURI().startsWith(prefix) && !s.getURI().contains("#")) {
                    pages.add(base + "/page/" + s.getURI().substring(prefix.length()));
                }
            });
            return urls.addAll(pages);
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                + " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
        String modified = site.lastModified().toString().substring(0, 10);
        // Each page in both languages, each naming the other (Google's hreflang in sitemaps): English at its plain address.
        for (String url : urls) {
            String en = xmlEscape(url);
            String fr = xmlEscape(url + "?lang=fr");
            String alternates = "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"" + en + "\"/>"
                    + "<xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"" + fr + "\"/>"
                    + "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"" + en + "\"/>";
            for (String loc : List.of(en, fr)) {
                xml.append("  <url><loc>").append(loc).append("</loc><lastmod>").append(modified).append("</lastmod>").append(alternates)
                        .append("</url>\n");
            }
        }
        return Reply.of(Body.text(xml.append("</urlset>\n").toString(), "application/xml; charset=utf-8")).lastModified(site.lastModified());
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
