package com.salespulse.analytics.settings;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a tenant that set nothing gets. */
@ConfigMapping(prefix = "salespulse.tenant")
public interface SettingsDefaults {

    /** Days are cut in this zone. */
    @WithDefault("Europe/Moscow")
    ZoneId timeZone();

    /** ISO 4217 code figures are reported in. */
    @WithDefault("RUB")
    String baseCurrency();

    /** The weekly days off. */
    @WithDefault("SATURDAY,SUNDAY")
    Set<DayOfWeek> weekendDays();
}
