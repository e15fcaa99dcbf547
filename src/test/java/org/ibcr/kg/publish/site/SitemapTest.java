package org.ibcr.kg.publish.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The sitemap within the protocol's limit per file: one urlset when the pages fit, an index of parts when not. */
class SitemapTest {
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static Map<String, String> pages(int n) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) pages.put("http://x.test/page/p" + i + (i == 3 ? "?a=1&b=2" : ""), "2026-11-0" + (i % 9 + 1));
        return pages;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<String> texts(Document d, String name) {
        NodeList list = d.getElementsByTagNameNS(NS, name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) out.add(list.item(i).getTextContent());
        return out;
    }

    @Test
    void pagesThatFitAreOneUrlsetInBothLanguages() throws Exception {
        Sitemap map = Sitemap.of(pages(5), Sitemap.MAX_URLS);
        assertEquals(1, map.parts());
        Document d = parse(map.part(1));
        assertEquals("urlset", d.getDocumentElement().getLocalName());
        List<String> locs = texts(d, "loc");
        assertEquals(10, locs.size(), "each page in English and in French");
        assertTrue(locs.contains("http://x.test/page/p3?a=1&b=2?lang=fr") || locs.contains("http://x.test/page/p3?a=1&b=2"), locs.toString());
        Element first = (Element) d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link").item(0);
        assertEquals("alternate", first.getAttribute("rel"));
    }

    @Test
    void pagesPastTheLimitAreAnIndexOfParts() throws Exception {
        Sitemap map = Sitemap.of(pages(5), 4); // two pages (four URLs) a part
        assertEquals(3, map.parts());
        Document index = parse(map.index("http://x.test/sitemap/"));
        assertEquals("sitemapindex", index.getDocumentElement().getLocalName());
        assertEquals(List.of("http://x.test/sitemap/1.xml", "http://x.test/sitemap/2.xml", "http://x.test/sitemap/3.xml"), texts(index, "loc"));
        // each part's lastmod is its newest page's
        assertEquals(List.of("2026-11-03", "2026-11-05", "2026-11-06"), texts(index, "lastmod"));
        List<String> all = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> locs = texts(parse(map.part(n)), "loc");
            assertTrue(locs.size() <= 4, "part " + n + " holds " + locs.size() + " URLs");
            all.addAll(locs);
        }
        assertEquals(10, all.size(), "every page of every language once, across the parts");
        assertThrows(IllegalArgumentException.class, () -> map.part(4));
    }
}
