package com.salespulse.deal.currency;

import com.salespulse.problem.Currencies;
import com.salespulse.problem.ProblemException;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
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

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read the base currency and the rates",
            description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The settings.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CurrencyApi.CurrencySettingsView.class)))
    public CurrencyApi.CurrencySettingsView get() {
        return new CurrencyApi.CurrencySettingsView(
                currency.baseCurrency().orElse(null),
                currency.rates().stream().map(CurrencyApi.RateView::of).toList());
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
                            schema = @Schema(implementation = CurrencyApi.CurrencySettingsView.class)))
    @APIResponse(responseCode = "400", description = "Not an ISO 4217 code.")
    public CurrencyApi.CurrencySettingsView setBase(
            @NotNull(message = "a JSON body is required") @Valid CurrencyApi.BaseCurrency request) {
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
                            schema = @Schema(implementation = CurrencyApi.RateView.class)))
    @APIResponse(responseCode = "409", description = "No base currency is set yet.")
    public CurrencyApi.RateView setRate(
            @Parameter(description = "ISO 4217 code of the converted currency.", example = "USD") @PathParam("currency")
                    String code,
            @Parameter(description = "The date the rate applies from.", example = "2026-11-01") @PathParam("date")
                    LocalDate date,
            @NotNull(message = "a JSON body is required") @Valid CurrencyApi.RateUpdate request) {
        if (!Currencies.isReal(code)) {
            throw ProblemException.invalidField(
                    "currency", "must be the ISO 4217 code of a real currency, such as USD");
        }
        return CurrencyApi.RateView.of(currency.setRate(code, date, request.rateToBase()));
    }
}
