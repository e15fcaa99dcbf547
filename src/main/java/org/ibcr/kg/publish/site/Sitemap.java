package org.ibcr.kg.publish.site;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The sitemap of the site (sitemaps.org 0.9): every page in English and in French, each entry naming both with
 * {@code hreflang} alternates. The protocol allows 50,000 URLs a file: a site with more pages gets a sitemap index at
 * {@code /sitemap.xml} listing parts {@code /sitemap/1.xml}, {@code /sitemap/2.xml}... of at most that many each.
 * Written with the JDK's StAX writer, which escapes what it writes.
 *
 * <pre>{@code
 * Sitemap map = Sitemap.of(pages, Sitemap.MAX_URLS);  // absolute page URL -> lastmod (yyyy-mm-dd)
 * String xml = map.parts() == 1 ? map.part(1) : map.index(base + "/sitemap/");
 * }</pre>
 */
final class Sitemap {
    /** The most URLs the protocol allows in one file. */
    static final int MAX_URLS = 50_000;
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    private final List<Map.Entry<String, String>> pages;
    private final int pagesPerPart;

    private Sitemap(List<Map.Entry<String, String>> pages, int maxUrls) {
        this.pages = pages;
        this.pagesPerPart = Math.max(1, maxUrls / 2); // each page twice: English and French
    }

    /** A sitemap of {@code pages} (absolute URL to its last modification date, in order), at most {@code maxUrls} URLs a file. */
    static Sitemap of(Map<String, String> pages, int maxUrls) {
        Objects.requireNonNull(pages, "pages");
        if (maxUrls < 2) throw new IllegalArgumentException("a sitemap file holds at least the two languages of a page");
        return new Sitemap(List.copyOf(pages.entrySet()), maxUrls);
    }

    /** How many files the pages take; 1 means {@code /sitemap.xml} is itself the sitemap. */
    int parts() {
        return Math.max(1, (pages.size() + pagesPerPart - 1) / pagesPerPart);
    }

    /** The part {@code n} (from 1) as a {@code urlset}. */
    String part(int n) {
        if (n < 1 || n > parts()) throw new IllegalArgumentException("no part " + n);
        return write(w -> {
            w.writeStartElement("urlset");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("xhtml", XHTML);
            int from = (n - 1) * pagesPerPart;
            for (Map.Entry<String, String> page : pages.subList(from, Math.min(pages.size(), from + pagesPerPart))) {
                String en = page.getKey();
                String fr = en + "?lang=fr";
                for (String loc : List.of(en, fr)) {
                    w.writeStartElement("url");
                    element(w, "loc", loc);
                    element(w, "lastmod", page.getValue());
                    // Google's hreflang in sitemaps: each language names the other, English is the default
                    alternate(w, "en", en);
                    alternate(w, "fr", fr);
                    alternate(w, "x-default", en);
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        });
    }

    /** The sitemap index naming every part, {@code partBase} followed by {@code n.xml}, each with its newest lastmod. */
    String index(String partBase) {
        return write(w -> {
            w.writeStartElement("sitemapindex");
            w.writeDefaultNamespace(NS);
            for (int n = 1; n <= parts(); n++) {
                int from = (n - 1) * pagesPerPart;
                String newest = pages.subList(from, Math.min(pages.size(), from + pagesPerPart)).stream().map(Map.Entry::getValue)
                        .max(String::compareTo).orElseThrow();
                w.writeStartElement("sitemap");
                element(w, "loc", partBase + n + ".xml");
                element(w, "lastmod", newest);
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    private interface Content {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String write(Content content) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            content.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the sitemap: " + e.getMessage(), e);
        }
        return out.append('\n').toString();
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void alternate(XMLStreamWriter w, String lang, String href) throws XMLStreamException {
        w.writeEmptyElement("xhtml", "link", XHTML);
        w.writeAttribute("rel", "alternate");
        w.writeAttribute("hreflang", lang);
        w.writeAttribute("href", href);
    }
}
