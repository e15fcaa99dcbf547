package org.ibcr.kg.publish.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts of the server's refusals in English and French, from {@code messages/errors_en.properties} and
 * {@code messages/errors_fr.properties} (UTF-8, French typography), and the choice of a reply's language: the
 * {@code ?lang=} of the address where it could be read, then Accept-Language, then English, as the pages choose it.
 * Placeholders are {@code {0}}, {@code {1}}...; the rest of a text is as written (no {@code MessageFormat}, whose quotes
 * would eat French apostrophes).
 */
public final class ErrorMessages {
    /** The languages of the messages, English first (the default). */
    public static final List<String> LANGUAGES = List.of("en", "fr");
    private static final int MAX_ACCEPT_LANGUAGE = 500;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([0-9])\\}");
    private static final Map<String, Map<String, String>> TEXTS = MessageBundles.load("messages.errors", LANGUAGES);

    private ErrorMessages() {}

    /** The keys of the messages in a language. */
    public static Set<String> keys(String lang) {
        Map<String, String> texts = TEXTS.get(lang);
        if (texts == null) throw new IllegalArgumentException("no messages in " + lang);
        return texts.keySet();
    }

    /** The text of a key in a language, its placeholders as written. */
    public static String text(String lang, String key) {
        String text = TEXTS.getOrDefault(lang, TEXTS.get("en")).get(key);
        if (text == null) throw new IllegalArgumentException("no error message " + key);
        return text;
    }

    /**
     * The language of a reply: {@code param} ({@code ?lang=}) when it is one of ours, else the best of Accept-Language,
     * else English. Never fails: a refusal must not be refused for its language.
     */
    public static String language(String param, String acceptLanguage) {
        if (param != null && LANGUAGES.contains(param)) return param;
        if (acceptLanguage == null || acceptLanguage.length() > MAX_ACCEPT_LANGUAGE) return "en";
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return tag == null ? "en" : tag;
        } catch (IllegalArgumentException e) {
            return "en";
        }
    }

    static void check(String key) {
        for (String lang : LANGUAGES) text(lang, key);
    }

    static Message message(String key, List<Object> args) {
        check(key);
        for (Object arg : args) if (arg == null) throw new IllegalArgumentException("a null value for " + key);
        // a placeholder without its value would reach the client as "{1}": refused where the message is made, as an unknown key is
        for (String lang : LANGUAGES) {
            Matcher m = PLACEHOLDER.matcher(text(lang, key));
            while (m.find()) {
                if (Integer.parseInt(m.group(1)) >= args.size()) {
                    throw new IllegalArgumentException(key + " takes a value for " + m.group() + ", given " + args.size());
                }
            }
        }
        return new Message(key, List.copyOf(args));
    }

    /** A message: a key of the bundles and its values. */
    record Message(String key, List<Object> args) {
        String text(String lang) {
            // In one pass: a value (an address the client sent) may hold "{1}" itself.
            return PLACEHOLDER.matcher(ErrorMessages.text(lang, key)).replaceAll(m -> {
                Object arg = args.get(Integer.parseInt(m.group(1))); // each placeholder has its value: checked in message()
                return Matcher.quoteReplacement(arg instanceof HttpError.Phrase phrase ? ErrorMessages.text(lang, phrase.key()) : arg.toString());
            });
        }
    }
}
