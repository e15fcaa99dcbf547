package org.ibcr.kg.publish.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.publish.http.Negotiation;
import org.ibcr.kg.publish.http.Reply;

/**
 * {@code /timeline}: the page (HTML), or the same milestones as data, one row per milestone with its years, places,
 * participants and their roles: CSV ({@code text/csv}) or JSON ({@code application/json}), by {@code Accept} or by
 * {@code ?format=html|csv|json} (which wins), labels in the reader's language ({@code ?lang=}, Accept-Language).
 *
 * <p>The CSV's columns: {@code milestone} (IRI), {@code label}, {@code years} (as the page shows them),
 * {@code start_year}, {@code end_year}, {@code not_before}, {@code not_after}, {@code part_of} and
 * {@code part_of_label}; {@code places} (IRIs, separated by spaces) and {@code place_labels} (separated by "; ");
 * {@code agents} (IRIs, separated by spaces), {@code agent_labels} (separated by "; ") and {@code agent_roles} (the
 * roles of each agent in the same order, separated by "; ", an agent's roles by ", ").
 */
final class TimelineRoutes {
    static final String CSV = "text/csv";
    static final String JSON_TYPE = "application/json";
    /** HTML first: a browser's {@code *}{@code /*} gets the page. */
    static final List<String> OFFERS = List.of("text/html", "application/xhtml+xml", CSV, JSON_TYPE);
    static final List<String> HEADER = List.of("milestone", "label", "years", "start_year", "end_year", "not_before", "not_after",
            "part_of", "part_of_label", "places", "place_labels", "agents", "agent_labels", "agent_roles");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    private static final Map<String, String> FORMATS = Map.of("html", "text/html", "csv", CSV, "json", JSON_TYPE);

    private final Site site;

    TimelineRoutes(Site site) {
        this.site = site;
    }

    Reply timeline(Exchange x) {
        String type = chosen(x);
        if (Negotiation.isHtml(type)) {
            return site.html(x, "timeline", lang -> new PageModels(site, lang, x.langInAddress()).timelinePage()).vary("Accept");
        }
        String lang = x.lang();
        Body body = site.cached(List.of("timeline-data", type, lang), () -> {
            List<Pages.TimelineRow> rows = new PageModels(site, lang, false).timelineRows();
            return type.equals(CSV) ? Body.text(csv(rows), CSV + "; charset=utf-8; header=present")
                    : Body.text(json(rows), JSON_TYPE + "; charset=utf-8");
        });
        return Reply.of(body).lastModified(site.lastModified()).vary("Accept", "Accept-Language").header("Content-Language", lang)
                .link(site.address().url("/timeline"), "alternate", "text/html");
    }

    /** {@code ?format=} where given (else 400), then Accept (none acceptable: 406). */
    private static String chosen(Exchange x) {
        String format = x.parameter("format");
        if (format != null) {
            String type = FORMATS.get(format);
            if (type == null) throw HttpError.badRequest("timeline.format");
            return type;
        }
        return Negotiation.choose(x.header("Accept"), OFFERS)
                .orElseThrow(() -> new HttpError(406, "timeline.not_acceptable", String.join(", ", OFFERS)));
    }

    static String csv(List<Pages.TimelineRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8); CSVPrinter csv = new CSVPrinter(writer, FORMAT)) {
            csv.printRecord(HEADER);
            for (Pages.TimelineRow r : rows) {
                List<Object> row = new ArrayList<>(List.of(r.milestone(), r.label(), r.years(), text(r.startYear()), text(r.endYear()),
                        text(r.notBefore()), text(r.notAfter()), r.partOf() == null ? "" : r.partOf().iri(),
                        r.partOf() == null ? "" : r.partOf().label()));
                row.add(join(r.places(), Pages.Named::iri, " "));
                row.add(join(r.places(), Pages.Named::label, "; "));
                row.add(r.participants().stream().map(p -> p.agent().iri()).collect(Collectors.joining(" ")));
                row.add(r.participants().stream().map(p -> p.agent().label()).collect(Collectors.joining("; ")));
                row.add(r.participants().stream().map(p -> join(p.roles(), Pages.Named::label, ", ")).collect(Collectors.joining("; ")));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String json(List<Pages.TimelineRow> rows) {
        JsonArray milestones = new JsonArray();
        for (Pages.TimelineRow r : rows) {
            JsonObject m = new JsonObject();
            m.put("milestone", r.milestone());
            m.put("label", r.label());
            m.put("years", r.years());
            year(m, "startYear", r.startYear());
            year(m, "endYear", r.endYear());
            year(m, "notBefore", r.notBefore());
            year(m, "notAfter", r.notAfter());
            if (r.partOf() != null) m.put("partOf", named(r.partOf()));
            JsonArray places = new JsonArray();
            r.places().forEach(p -> places.add(named(p)));
            m.put("places", places);
            JsonArray participants = new JsonArray();
            for (Pages.TimelineParticipant p : r.participants()) {
                JsonObject participant = new JsonObject();
                participant.put("agent", named(p.agent()));
                JsonArray roles = new JsonArray();
                p.roles().forEach(role -> roles.add(named(role)));
                participant.put("roles", roles);
                participants.add(participant);
            }
            m.put("participants", participants);
            milestones.add(m);
        }
        JsonObject doc = new JsonObject();
        doc.put("milestones", milestones);
        return JSON.toString(doc) + "\n";
    }

    private static void year(JsonObject m, String key, Integer year) {
        if (year != null) m.put(key, year.longValue());
    }

    private static JsonValue named(Pages.Named n) {
        JsonObject o = new JsonObject();
        o.put("iri", n.iri());
        o.put("label", n.label());
        return o;
    }

    private static String text(Integer year) {
        return year == null ? "" : year.toString();
    }

    private static String join(List<Pages.Named> list, Function<Pages.Named, String> part, String separator) {
        return list.stream().map(part).collect(Collectors.joining(separator));
    }
}
