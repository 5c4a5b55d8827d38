package com.salespulse.analytics.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Set;

/** What a tenant that set nothing gets. */
@ConfigMapping(prefix = "salespulse.tenant")
public interface SettingsDefaults {

    /** Days are cut in this zone. */
    @WithDefault("Europe/Moscow")
    ZoneId timeZone();

    /** ISO 4217 code figures are reported in. */
    @WithDefault("RUB")
    String baseCurrency();

    /**
     * The language of labels (status, stage of a lead, rejection and loss reasons): {@code ru}, as the suite's
     * other defaults (Moscow time, roubles) are for a Russian sales team; a tenant sets {@code en} over the API.
     */
    @WithDefault("ru")
    String language();

    /**
     * How long a card without an open task is given after its last touch (its creation if none) before it counts as
     * forgotten: a day, so a lead that came in at 18:00 is not "forgotten" before the next working morning and
     * FORGOTTEN_CARDS is not raised seconds after a card is created. Hours, not working days: the rule stays one
     * SQL comparison, and a tenant that wants a weekend covered sets 72.
     */
    @WithDefault("24")
    int forgottenGraceHours();

    /** The weekly days off. */
    @WithDefault("SATURDAY,SUNDAY")
    Set<DayOfWeek> weekendDays();
}
