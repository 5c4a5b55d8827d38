package com.salespulse.notification.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.contract.alert.AlertRaised;
import com.salespulse.contract.alert.AlertResolved;
import com.salespulse.notification.alert.AlertRepository;
import com.salespulse.notification.channel.RenderedMessage;
import com.salespulse.notification.delivery.Delivery;
import com.salespulse.notification.delivery.DeliveryRenderer;
import com.salespulse.notification.digest.DigestContent;
import com.salespulse.notification.roster.Roster;
import com.salespulse.notification.roster.TenantCalendars;
import com.salespulse.notification.subscription.Language;
import com.salespulse.notification.subscription.Subscription;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns a delivery into what its channel sends. Texts come from the Qute templates under
 * {@code templates/message/<kind>-<language>.txt|html}; the webhook body is the delivery's data in a small
 * envelope ({@code type}, {@code timestamp}, {@code data}), the same bytes on every retry.
 */
@ApplicationScoped
public class MessageRenderer implements DeliveryRenderer {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Engine engine;
    private final ObjectMapper json;
    private final Roster roster;
    private final AlertRepository alerts;
    private final TenantCalendars calendars;

    public MessageRenderer(
            Engine engine, ObjectMapper json, Roster roster, AlertRepository alerts, TenantCalendars calendars) {
        this.calendars = calendars;
        this.engine = engine;
        this.json = json;
        this.roster = roster;
        this.alerts = alerts;
    }

    @Override
    public RenderedMessage render(Delivery delivery, Subscription subscription) {
        // the subscription's own language, else the tenant's (lead-service's settings, kept from the roster topic)
        Language language = subscription.language != null
                ? subscription.language
                : Language.of(calendars.current().language());
        ZoneId zone = subscription.zone();
        return switch (delivery.kind) {
            case RAISED -> raised(read(delivery.payload, AlertRaised.class), language, zone, webhookBody(delivery));
            case RESOLVED ->
                resolved(read(delivery.payload, AlertResolved.class), language, zone, webhookBody(delivery));
            case DIGEST -> digest(read(delivery.payload, DigestContent.class), language, webhookBody(delivery));
        };
    }

    /** The manager's name: as the alert event gave it, else as the roster replica knows it; null when neither does. */
    private String managerName(UUID managerId, String fromEvent) {
        if (fromEvent != null && !fromEvent.isBlank()) {
            return fromEvent;
        }
        return roster.managerName(managerId).orElse(null);
    }

    private RenderedMessage raised(AlertRaised alert, Language language, ZoneId zone, String body) {
        String typeName = MessageTexts.typeName(alert.alertType(), language);
        String severity = MessageTexts.severity(alert.severity(), language);
        String name = managerName(alert.managerId(), alert.managerName());
        String title = MessageTexts.headline(
                alert.alertType(), alert.figures(), MessageTexts.who(alert.managerId(), name, language), language);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("typeName", typeName);
        data.put("severity", severity);
        data.put("title", title);
        data.put("message", MessageTexts.withoutIds(alert.message(), alert.managerId(), name, language));
        data.put("figures", figures(alert.figures()));
        data.put("raisedAt", local(alert.raisedAt(), zone));
        data.put("timeZone", zone.getId());
        data.put("drillDownPath", alert.drillDownPath());
        return texts("raised", language, data, MessageTexts.raisedSubject(severity, typeName, title, language), body);
    }

    private RenderedMessage resolved(AlertResolved alert, Language language, ZoneId zone, String body) {
        String typeName = MessageTexts.typeName(alert.alertType(), language);
        String name = alert.managerId() == null
                ? null
                : managerName(
                        alert.managerId(),
                        alerts.findByIdOptional(alert.alertId())
                                .map(raised -> raised.managerName)
                                .orElse(null));
        String who = alert.managerId() == null ? null : MessageTexts.who(alert.managerId(), name, language);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("typeName", typeName);
        data.put("heading", who == null ? typeName : typeName + " — " + who);
        data.put("message", MessageTexts.withoutIds(alert.message(), alert.managerId(), name, language));
        data.put("figures", figures(alert.figures()));
        data.put("resolvedAt", local(alert.resolvedAt(), zone));
        data.put("timeZone", zone.getId());
        return texts("resolved", language, data, MessageTexts.resolvedSubject(typeName, who, language), body);
    }

    private RenderedMessage digest(DigestContent digest, Language language, String body) {
        ZoneId zone = ZoneId.of(digest.timeZone());
        List<Map<String, Object>> alerts = new ArrayList<>();
        Map<String, String> names = digest.managerNames() == null ? Map.of() : digest.managerNames();
        for (DigestContent.OpenAlert alert : digest.openAlerts()) {
            String name = alert.managerId() == null
                    ? null
                    : names.get(alert.managerId().toString());
            alerts.add(Map.of(
                    "typeName", MessageTexts.typeName(alert.alertType(), language),
                    "severity", MessageTexts.severity(alert.severity(), language),
                    "title", MessageTexts.withoutIds(alert.title(), alert.managerId(), name, language),
                    "raisedAt", local(alert.raisedAt(), zone)));
        }
        List<Map<String, Object>> byType = new ArrayList<>();
        digest.openByType()
                .forEach((type, count) ->
                        byType.add(Map.of("name", MessageTexts.typeName(type, language), "count", count)));
        List<Map<String, Object>> byManager = new ArrayList<>();
        digest.openByManager()
                .forEach((manager, count) -> byManager.add(Map.of(
                        "name",
                        DigestContent.NO_MANAGER.equals(manager)
                                ? MessageTexts.text(language, "digest.noManager")
                                : names.getOrDefault(manager, MessageTexts.text(language, "digest.unknownManager")),
                        "count",
                        count)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("date", digest.date().toString());
        data.put("openAlertCount", digest.openAlertCount());
        data.put("raisedToday", digest.raisedToday());
        data.put("resolvedToday", digest.resolvedToday());
        data.put("byType", byType);
        data.put("byManager", byManager);
        data.put("alerts", alerts);
        return texts(
                "digest",
                language,
                data,
                MessageTexts.digestSubject(digest.date().toString(), digest.openAlertCount(), language),
                body);
    }

    private RenderedMessage texts(
            String kind, Language language, Map<String, Object> data, String subject, String body) {
        String base = "message/" + kind + "-" + language.name();
        return new RenderedMessage(
                subject,
                template(base + ".txt").data(data).render(),
                template(base + ".html").data(data).render(),
                body);
    }

    private Template template(String id) {
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("No message template " + id);
        }
        return template;
    }

    private static List<Map<String, Object>> figures(Map<String, BigDecimal> figures) {
        List<Map<String, Object>> list = new ArrayList<>();
        new TreeMap<>(figures).forEach((name, value) -> list.add(Map.of("name", name, "value", value.toPlainString())));
        return list;
    }

    private static String local(Instant instant, ZoneId zone) {
        return LOCAL.format(instant.atZone(zone));
    }

    /** The Standard Webhooks style envelope around the delivery's data. */
    private String webhookBody(Delivery delivery) {
        try {
            ObjectNode envelope = json.createObjectNode();
            envelope.put(
                    "type",
                    switch (delivery.kind) {
                        case RAISED -> "alert.raised";
                        case RESOLVED -> "alert.resolved";
                        case DIGEST -> "digest.daily";
                    });
            envelope.put("timestamp", delivery.createdAt.toString());
            envelope.put("deliveryId", delivery.id.toString());
            envelope.set("data", json.readTree(delivery.payload));
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Delivery " + delivery.id + " holds unreadable data", e);
        }
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable delivery data for " + type.getSimpleName(), e);
        }
    }
}
