package com.salespulse.integration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Where the owning services answer and how this service signs its calls to them (docs/imports.md). */
@ConfigMapping(prefix = "salespulse.owners")
public interface OwnersConfig {

    /** lead-service: managers, teams, clients, leads, contact attempts, conversions. */
    URI leadUrl();

    /** deal-service: products, pipelines, deals, tasks, activities, plans. */
    URI dealUrl();

    /** The {@code iss} of the tokens this service signs; the owners check it ({@code mp.jwt.verify.issuer}). */
    String tokenIssuer();

    /** The {@code aud} of the tokens this service signs; the owners check it ({@code mp.jwt.verify.audiences}). */
    String tokenAudience();

    /** How long connecting to an owner may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long an owner may take to answer one row. */
    @WithDefault("30s")
    Duration readTimeout();

    /** How long a signed token lives; a new one is signed when less than a minute is left. */
    @WithDefault("5m")
    Duration tokenLifetime();
}
