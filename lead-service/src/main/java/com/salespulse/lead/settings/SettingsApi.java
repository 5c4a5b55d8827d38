package com.salespulse.lead.settings;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The settings feature's request and response bodies. */
public final class SettingsApi {

    private SettingsApi() {}

    @Schema(name = "TenantSettings", description = "How the tenant handles leads.")
    public record SettingsView(
            @Schema(description = "IANA time zone shifts are read in.", example = "Europe/Moscow")
            String timeZone,

            @Schema(description = "Region for phones without a country code.", example = "RU")
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            String distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            String duplicatePolicy,

            @Schema(description = "Failed contact attempts after which a lead is unreached.")
            int unreachedThreshold,

            @Schema(description = "Days without change after which an open lead is stale.")
            int staleDays,

            @Schema(description = "The version; 0 while the defaults were never changed.")
            long version) {}

    @Schema(name = "ChangeTenantSettingsRequest", description = "New settings; a field left out keeps its value.")
    public record SettingsUpdate(
            @Schema(description = "IANA time zone.", example = "Asia/Yekaterinburg") @Size(max = 64)
            String timeZone,

            @Schema(description = "ISO 3166 region code.", example = "KZ") @Size(min = 2, max = 3)
            String phoneRegion,

            @Schema(description = "MANUAL, ROUND_ROBIN or LEAST_LOADED.")
            TenantSettings.DistributionMode distributionMode,

            @Schema(description = "LINK_AND_FLAG or REFUSE.")
            TenantSettings.DuplicatePolicy duplicatePolicy,

            @Schema(description = "1 to 50.") @Min(1) @Max(50)
            Integer unreachedThreshold,

            @Schema(description = "1 to 3650.") @Min(1) @Max(3650)
            Integer staleDays) {}
}
