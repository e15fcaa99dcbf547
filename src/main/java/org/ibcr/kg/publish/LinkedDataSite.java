package org.ibcr.kg.publish;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * What every linked-data route shares: the content, the address mapping, the templates (Mustache, which
 * escapes every value) and the interface texts in English and French.
 */
final class LinkedDataSite {
    /** The languages of the interface; labels fall back to English where a French one is missing. */
    static final java.util.List<String> LANGUAGES = java.util.List.of("en", "fr");

    private final SiteContent content;
    private final SiteAddress address;
    private final MustacheFactory mustache = new DefaultMustacheFactory("templates");
    private final Map<String, Mustache> templates = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> texts = new HashMap<>();
    private final int maxValues;

    LinkedDataSite(SiteContent content, SiteAddress address) {
        this(content, address, PageModels.MAX_VALUES);
    }

    /** @param maxValues values listed per property (and rows per list) on a page */
    LinkedDataSite(SiteContent content, SiteAddress address, int maxValues) {
        if (maxValues < 1) throw new IllegalArgumentException("maxValues must be at least 1");
        this.maxValues = maxValues;
        this.content = Objects.requireNonNull(content, "content");
        this.address = Objects.requireNonNull(address, "address");
        for (String lang : LANGUAGES) {
            ResourceBundle bundle = ResourceBundle.getBundle("messages.site", Locale.forLanguageTag(lang),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> map = new HashMap<>();
            for (String key : bundle.keySet()) map.put(key, bundle.getString(key));
            texts.put(lang, Map.copyOf(map));
        }
    }

    SiteContent content() {
        return content;
    }

    SiteAddress address() {
        return address;
    }

    /** Values listed per property, and rows per list, on a page; the rest is left to the data. */
    int maxValues() {
        return maxValues;
    }

    Map<String, String> texts(String lang) {
        return texts.get(lang);
    }

    /** Renders {@code templates/NAME.mustache} with the model. */
    String render(String name, Map<String, Object> model) {
        // The factory caches compiled templates and resolves {{> partials}} beside them.
        Mustache template = templates.computeIfAbsent(name, n -> mustache.compile(n + ".mustache"));
        StringWriter out = new StringWriter();
        template.execute(out, model);
        return out.toString();
    }
}
