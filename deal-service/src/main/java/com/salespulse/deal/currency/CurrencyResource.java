package com.salespulse.deal.currency;

import com.salespulse.problem.Currencies;
import com.salespulse.problem.CurrencyCode;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/currency")
@Tag(name = "Currency", description = "The tenant's base currency and dated exchange rates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CurrencyResource {

    private final CurrencyService currency;
    private final CurrentCaller caller;

    public CurrencyResource(CurrencyService currency, CurrentCaller caller) {
        this.currency = currency;
        this.caller = caller;
    }

    @Schema(name = "BaseCurrencyRequest", description = "The tenant's base currency.")
    public record BaseCurrencyRequest(
            @Schema(description = "ISO 4217 code.", example = "RUB", required = true)
            @NotNull
            @Size(max = 3)
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
            @CurrencyCode
            String currency) {}

    @Schema(name = "ExchangeRateRequest", description = "A rate to the base currency.")
    public record RateRequest(
            @Schema(
                    description = "Units of the base currency for one unit of the currency.",
                    example = "98.5",
                    required = true)
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = 11, fraction = 8)
            BigDecimal rateToBase) {}

    @Schema(name = "ExchangeRate", description = "A dated exchange rate to the base currency.")
    public record RateResponse(
            @Schema(description = "The converted currency.") String currency,

            @Schema(description = "The date the rate applies from.")
            LocalDate rateDate,

            @Schema(description = "Units of the base currency for one unit of the currency.")
            BigDecimal rateToBase) {
        static RateResponse of(ExchangeRate r) {
            return new RateResponse(r.currency, r.rateDate, r.rateToBase);
        }
    }

    @Schema(name = "CurrencySettings", description = "The base currency and every rate set.")
    public record SettingsResponse(
            @Schema(description = "The base currency; absent until the head of sales sets it.")
            String baseCurrency,

            @Schema(description = "Every rate, by currency and date.")
            List<RateResponse> rates) {}

    @GET
    @RolesAllowed({Roles.HEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Read the base currency and the rates", description = "Roles: head, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsResponse.class)))
    public SettingsResponse get() {
        return new SettingsResponse(
                currency.baseCurrency().orElse(null),
                currency.rates().stream().map(RateResponse::of).toList());
    }

    @PUT
    @Path("/base")
    @RolesAllowed(Roles.HEAD)
    @Operation(
            summary = "Set the base currency",
            description = "Plans are set in it and analytics reports in it. "
                    + "Emits salespulse.currency.base-currency-set with before and after. Roles: head.")
    @APIResponse(
            responseCode = "200",
            description = "The settings as they are now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsResponse.class)))
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code.")
    public SettingsResponse setBase(@NotNull(message = "a JSON body is required") @Valid BaseCurrencyRequest request) {
        currency.setBase(request.currency());
        return get();
    }

    @PUT
    @Path("/rates/{currency}/{date}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Set an exchange rate",
            description =
                    "The rate of a currency to the base currency from a date "
                            + "on; setting it again corrects it. Emits salespulse.currency.exchange-rate-set. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The rate as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = RateResponse.class)))
    @APIResponse(responseCode = "409", description = "No base currency is set yet.")
    public RateResponse setRate(
            @Parameter(description = "ISO 4217 code of the converted currency.", example = "USD") @PathParam("currency")
                    String code,
            @Parameter(description = "The date the rate applies from.", example = "2026-11-01") @PathParam("date")
                    LocalDate date,
            @NotNull(message = "a JSON body is required") @Valid RateRequest request) {
        if (!Currencies.isReal(code)) {
            throw ProblemException.invalidField(
                    "currency", "must be the ISO 4217 code of a real currency, such as USD");
        }
        return RateResponse.of(currency.setRate(code, date, request.rateToBase()));
    }
}
