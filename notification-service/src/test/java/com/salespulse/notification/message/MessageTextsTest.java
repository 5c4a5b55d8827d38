package com.salespulse.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.alert.AlertType;
import com.salespulse.notification.subscription.Language;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The service's own words from its two bundles, word for word, and the bundles kept in step. */
class MessageTextsTest {

    @Test
    void bothLanguagesHaveTheSameKeysWithTheSamePlaceholdersAndEveryTypeIsNamed() {
        ResourceBundle ru = MessageTexts.bundle(Language.ru);
        ResourceBundle en = MessageTexts.bundle(Language.en);
        assertThat(new TreeSet<>(ru.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
        for (String key : ru.keySet()) {
            assertThat(placeholders(ru.getString(key))).as(key).isEqualTo(placeholders(en.getString(key)));
        }
        for (AlertType type : AlertType.values()) {
            assertThat(ru.containsKey("type." + type.name())).as(type.name()).isTrue();
            assertThat(ru.containsKey("headline." + type.name()))
                    .as(type.name())
                    .isTrue();
        }
    }

    @Test
    void aHeadlineAndSubjectsInRussianAndEnglish() {
        Map<String, BigDecimal> figures = Map.of("rottingDeals", new BigDecimal("3"), "limit", new BigDecimal("1.00"));
        assertThat(MessageTexts.headline(AlertType.DEALS_ROTTING, figures, "Анна", Language.ru))
                .isEqualTo("Анна: сделок, застрявших на этапе дольше обычного, 3 (лимит 1)");
        assertThat(MessageTexts.headline(AlertType.DEALS_ROTTING, figures, "Anna", Language.en))
                .isEqualTo("Anna has 3 deals stuck in their stage past its usual time (limit 1)");
        // a figure missing: the type and who
        assertThat(MessageTexts.headline(AlertType.DEALS_ROTTING, Map.of(), "Anna", Language.en))
                .isEqualTo("Rotting deals: Anna");
        assertThat(MessageTexts.resolvedSubject("Забытые карточки", "Анна", Language.ru))
                .isEqualTo("[Sales Pulse] Решено: Забытые карточки — Анна");
        assertThat(MessageTexts.digestSubject("2026-11-20", 4, Language.en))
                .isEqualTo("[Sales Pulse] Digest for 2026-11-20: 4 open alerts");
        assertThat(MessageTexts.digestSubject("2026-11-20", 4, Language.ru))
                .isEqualTo("[Sales Pulse] Сводка за 2026-11-20: открытых оповещений — 4");
    }

    @Test
    void aRussianTextFromAnalyticsLosesTheManagersIdToTheirName() {
        UUID manager = UUID.randomUUID();
        assertThat(MessageTexts.withoutIds(
                        "Менеджер " + manager + ": застрявших сделок 3", manager, "Анна Смирнова", Language.ru))
                .isEqualTo("Анна Смирнова: застрявших сделок 3");
        assertThat(MessageTexts.withoutIds("Менеджер " + manager + ": застрявших сделок 3", manager, null, Language.ru))
                .isEqualTo("Менеджер: застрявших сделок 3");
    }

    private static List<String> placeholders(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        Collections.sort(names);
        return names;
    }
}
