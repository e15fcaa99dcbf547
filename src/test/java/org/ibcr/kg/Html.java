package org.ibcr.kg;

import org.jsoup.parser.Parser;

/** Reading the HTML the server writes, with jsoup: the tests share one way to undo its escaping. */
final class Html {
    private Html() {}

    /** The text of an escaped HTML fragment: every character reference ({@code &amp;}, {@code &#39;}...) resolved. */
    static String unescape(String html) {
        return Parser.unescapeEntities(html, false);
    }
}
