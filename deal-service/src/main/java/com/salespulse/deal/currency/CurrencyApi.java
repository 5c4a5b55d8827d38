package com.salespulse.deal.currency;

import com.salespulse.problem.CurrencyCode;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The currency API's request and response records: the base currency, a rate to set ({@link RateUpdate}), and the
 * views answered.
 */
public final class CurrencyApi {

    private CurrencyApi() {}

    @Schema(name = "BaseCurrencyRequest", description = "The tenant's base currency.")
    public record BaseCurrency(
            @Schema(description = "ISO 4217 code.", example = "RUB", required = true)
            @NotNull
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency) {}

    @Schema(name = "ExchangeRateRequest", description = "A rate to the base currency.")
    public record RateUpdate(
            @Schema(
                    description = "Units of the base currency for one unit of the currency.",
                    example = "98.5",
                    required = true)
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = 11, fraction = 8)
            BigDecimal rateToBase) {}

    @Schema(name = "ExchangeRate", description = "A dated exchange rate to the base currency.")
    public record RateView(
            @Schema(description = "The converted currency.") String currency,

            @Schema(description = "The date the rate applies from.")
            LocalDate rateDate,

            @Schema(description = "Units of the base currency for one unit of the currency.")
            BigDecimal rateToBase) {
        static RateView of(ExchangeRate r) {
            return new RateView(r.currency, r.rateDate, r.rateToBase);
        }
    }

    @Schema(name = "CurrencySettings", description = "The base currency and every rate set.")
    public record CurrencySettingsView(
            @Schema(description = "The base currency; absent until the head of sales sets it.")
            String baseCurrency,

            @Schema(description = "Every rate, by currency and date.")
            List<RateView> rates) {}
}
