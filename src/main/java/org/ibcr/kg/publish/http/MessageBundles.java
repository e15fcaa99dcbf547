package org.ibcr.kg.publish.http;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Reads the message bundles of the server ({@code messages/errors}, {@code messages/site}): one properties file a
 * language, UTF-8, no fallback from one language to another (a key missing in French is missing, not English).
 *
 * <pre>{@code
 * Map<String, Map<String, String>> texts = MessageBundles.load("messages.site", List.of("en", "fr"));
 * texts.get("fr").get("nav.home");
 * }</pre>
 */
public final class MessageBundles {
    private MessageBundles() {}

    /** Each language's texts by key, from the bundle {@code baseName}. */
    public static Map<String, Map<String, String>> load(String baseName, List<String> languages) {
        Objects.requireNonNull(baseName, "baseName");
        Map<String, Map<String, String>> texts = new HashMap<>();
        for (String lang : languages) {
            ResourceBundle bundle = ResourceBundle.getBundle(baseName, Locale.forLanguageTag(lang),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<String, String> map = new HashMap<>();
            for (String key : bundle.keySet()) map.put(key, bundle.getString(key));
            texts.put(lang, Map.copyOf(map));
        }
        return Map.copyOf(texts);
    }
}
