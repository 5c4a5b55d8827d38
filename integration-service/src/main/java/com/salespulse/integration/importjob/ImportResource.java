package com.salespulse.integration.importjob;

import com.salespulse.integration.RowPageParams;
import com.salespulse.integration.csv.CsvLayout;
import com.salespulse.integration.csv.CsvOptions;
import com.salespulse.problem.BodySizeLimit;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ProblemType;
import com.salespulse.problem.page.PageParams;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/imports")
@Tag(name = "Imports", description = "Bulk imports of a CRM's history, applied row by row through the owning services")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    /** NDJSON: one JSON object per line. */
    public static final String NDJSON = "application/x-ndjson";
    /** A CRM's CSV export. */
    public static final String CSV = "text/csv";

    private static final String FORMAT = "The body's format: ndjson (the suite's own record shapes) for "
            + "application/x-ndjson, csv (a CRM's export) for text/csv; absent: the body's.";

    private final ImportService imports;
    private final JsonWebToken token;

    public ImportResource(ImportService imports, JsonWebToken token) {
        this.imports = imports;
        this.token = token;
    }

    @POST
    @Consumes(NDJSON)
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Upload an import file",
            description = "Two kinds of file. (1) application/x-ndjson, "
                    + "one record per line: "
                    + "{\"recordType\": \"<kind>\", \"externalSystem\": \"...\", \"externalId\": \"...\", ...the owner's PUT by-ref "
                    + "body, with occurredAt for history}. Kinds: manager, team, client, lead, contact-attempt, "
                    + "lead-conversion, manager-dismissal (lead-service); product, pipeline, deal, task, activity, plan "
                    + "(deal-service). The file's shape is checked now and a wrong one refused whole; the job then applies the "
                    + "rows in file order, each as the owner's PUT /api/v1/<collection>/by-ref/{externalSystem}/{externalId} "
                    + "(a lead-conversion: POST /api/v1/leads/by-ref/{externalSystem}/{externalId}/convert; a "
                    + "manager-dismissal: POST /api/v1/managers/by-ref/{externalSystem}/{externalId}/dismissal), "
                    + "and records the "
                    + "rows the owner refuses (GET .../errors) and those whose card already holds a later state (409 "
                    + "stale-change: skipped, GET .../skipped) while going on. dryRun=true sends every row with dryRun=true: "
                    + "the owners validate and write nothing. Limits: 32 MiB, 200 000 rows, 64 KiB a row. (2) text/csv with "
                    + "layout=amocrm-leads or bitrix24-deals: a CRM's deals export as it comes out of the CRM (UTF-8 with or "
                    + "without a byte order mark, or Windows-1251: charset=windows-1251, or detected when the bytes are not "
                    + "UTF-8; ';', ',' or tab). Each row becomes records applied like an NDJSON file's: the pipeline with the "
                    + "stages met, a manager per responsible user, a client per company (else contact), the deal opened at its "
                    + "creation and won or lost at its closing, dates read in `zone`. A header without a column the layout "
                    + "needs is refused whole (400 naming each missing column); a row that cannot be read is listed at "
                    + "GET .../errors with its row (the header is row 1) and column while the job goes on. docs/imports.md "
                    + "lists the columns. Roles: head, integrator.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = NDJSON,
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            description = "One JSON object per " + "line.",
                                            example =
                                                    "{\"recordType\":\"manager\",\"externalSystem\":\"amocrm\",\"externalId\":\"7\","
                                                            + "\"name\":\"Olga Ivanova\",\"occurredAt\":\"2025-01-09T09:00:00+03:00\"}")))
    @APIResponse(
            responseCode = "202",
            description = "Stored as a job; Location points to its progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ImportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A CSV export lacks a column its layout needs (each named as a "
                    + "field), is no CSV or has no rows (body). An NDJSON file is not an import file: a row that is not a JSON "
                    + "object, an unknown recordType, a missing or malformed externalSystem/externalId, a row over 64 KiB, no rows; "
                    + "the problem names up to 20 of them as rows[i].field (row i is line i+1). Or a query parameter is "
                    + "invalid.")
    @APIResponse(responseCode = "413", description = "The file is larger than 32 MiB or has more than 200 000 rows.")
    @APIResponse(
            responseCode = "415",
            description = "The body is neither application/x-ndjson nor text/csv, or a "
                    + "CSV's charset is neither UTF-8 nor Windows-1251.")
    public Response upload(
            @Parameter(description = "true: the owners only validate each row; nothing is written.")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun,
            @Parameter(description = FORMAT)
                    @QueryParam("format")
                    @Size(max = 20)
                    @Pattern(regexp = "ndjson|csv", message = "must be ndjson or csv")
                    String format,
            InputStream body) {
        if (format != null && !format.equals("ndjson")) {
            throw ProblemException.invalidField("format", "must be ndjson for an application/x-ndjson body");
        }
        ImportJob job = imports.upload(uploader(), "ndjson", dryRun, body);
        return Response.accepted(imports.find(job.id))
                .location(URI.create("/api/v1/imports/" + job.id))
                .build();
    }

    @POST
    @Consumes(CSV)
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Upload a CRM's CSV export",
            description = "The deals export of amoCRM/Kommo (layout "
                    + "amocrm-leads) or Bitrix24 (bitrix24-deals) as it comes out of the CRM: UTF-8 with or without a byte "
                    + "order mark, or Windows-1251 (say charset=windows-1251 in the Content-Type, or send it without a charset: "
                    + "text that is not UTF-8 is read as Windows-1251); separated by ';', ',' or tab (the header line tells). "
                    + "Each row becomes the suite's records, applied like an NDJSON import's: the pipeline with the stages met "
                    + "(in order of first appearance, then its WON and LOST stage), a manager per responsible user, a client per "
                    + "company (else contact), the deal opened at its creation and, when closed, won or lost at its closing. "
                    + "Dates are local times in the zone given. A header without a column the layout needs is refused whole; a "
                    + "row that cannot be read (a bad amount, date or empty stage) is listed at GET .../errors with its row and "
                    + "column, and the job goes on. docs/imports.md lists the columns. Roles: head, integrator.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = CSV,
                            schema =
                                    @Schema(
                                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                                            description = "The CSV export.",
                                            example =
                                                    "ID;Название сделки;Бюджет;Ответственный;Этап сделки;Воронка;Дата создания;Дата закрытия;"
                                                            + "Компания\n18400211;Поставка;150 000;Ольга Иванова;Переговоры;Основная воронка;"
                                                            + "10.01.2025 10:00:00;;ООО Ромашка")))
    @APIResponse(
            responseCode = "202",
            description = "Stored as a job; Location points to its progress.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ImportView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is no CSV, has no rows, or its header lacks a column "
                    + "the layout needs (each missing column named as a field); or a query parameter is invalid (layout, zone, "
                    + "currency, wonStage, lostStage).")
    @APIResponse(responseCode = "413", description = "The file is larger than 32 MiB or has more than 200 000 rows.")
    @APIResponse(
            responseCode = "415",
            description = "The body is not text/csv, or its charset is neither UTF-8 nor " + "Windows-1251.")
    public Response uploadCsv(
            @Parameter(description = "true: the owners only validate each record; nothing is written.")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun,
            @Parameter(description = FORMAT)
                    @QueryParam("format")
                    @Size(max = 20)
                    @Pattern(regexp = "ndjson|csv", message = "must be ndjson or csv")
                    String format,
            @Parameter(
                            description =
                                    "Required with a text/csv body: the export's layout, amocrm-leads (amoCRM/Kommo "
                                            + "deals) or bitrix24-deals.")
                    @QueryParam("layout")
                    @Size(max = 40)
                    @Pattern(regexp = "amocrm-leads|bitrix24-deals", message = "must be amocrm-leads or bitrix24-deals")
                    String layout,
            @Parameter(description = "The time zone of the export's dates (an IANA zone id).")
                    @QueryParam("zone")
                    @DefaultValue("Europe/Moscow")
                    @Size(max = 64)
                    String zone,
            @Parameter(description = "The currency of amounts without a currency column (ISO 4217).")
                    @QueryParam("currency")
                    @DefaultValue("RUB")
                    @Size(max = 3)
                    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as RUB")
                    @com.salespulse.problem.CurrencyCode
                    String currency,
            @Parameter(description = "A stage name that means won, besides the layout's own (may repeat).")
                    @QueryParam("wonStage")
                    @Size(max = 20)
                    List<@Size(max = 100) String> wonStage,
            @Parameter(description = "A stage name that means lost, besides the layout's own (may repeat).")
                    @QueryParam("lostStage")
                    @Size(max = 20)
                    List<@Size(max = 100) String> lostStage,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        if (format != null && !format.equals("csv")) {
            throw ProblemException.invalidField("format", "must be csv for a text/csv body");
        }
        if (layout == null) {
            throw ProblemException.invalidField(
                    "layout", "is required for a text/csv body: amocrm-leads or " + "bitrix24-deals");
        }
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("zone", "is not a time zone such as Europe/Moscow");
        }
        String charset = contentType == null
                ? null
                : MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (BodySizeLimit.BodyTooLargeException e) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CsvOptions options = new CsvOptions(
                zoneId,
                currency,
                wonStage == null ? List.of() : List.copyOf(wonStage),
                lostStage == null ? List.of() : List.copyOf(lostStage));
        ImportJob job =
                imports.uploadCsv(uploader(), CsvLayout.of(layout).orElseThrow(), options, dryRun, bytes, charset);
        return Response.accepted(imports.find(job.id))
                .location(URI.create("/api/v1/imports/" + job.id))
                .build();
    }

    private String uploader() {
        // the owners record the uploader as the actor of every change the job makes
        String uploader = token.getSubject() != null ? token.getSubject() : token.getName();
        return uploader == null ? "integrator" : uploader;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(summary = "List import jobs", description = "The tenant's jobs, newest first. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "A page of jobs.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ImportPage.class)))
    @APIResponse(responseCode = "400", description = "page or size out of range.")
    public ImportApi.ImportPage list(@BeanParam @Valid PageParams paging) {
        return imports.list(paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read an import's progress",
            description = "Total, done, applied, skipped, failed, percent, "
                    + "rate (rows/s), ETA and status; done = applied + skipped + failed. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The job.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ImportView.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    public ImportApi.ImportView get(@PathParam("id") UUID id) {
        return imports.find(id);
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read an import's refused rows",
            description = "Each row its owner refused, in file order: "
                    + "its line number, recordType and reference, the owner's status, the field it named (a JSON path in the row) "
                    + "and why. Transient trouble (an owner unreachable) is retried and never listed here; nor are the rows "
                    + "whose card already holds a later state (409 stale-change), which are skipped, not failed: see "
                    + ".../skipped. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "A page of refused rows.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.RowErrorPage.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "page or size out of range, or the id is the nil UUID.")
    public ImportApi.RowErrorPage errors(@PathParam("id") UUID id, @BeanParam @Valid RowPageParams paging) {
        return imports.errors(id, paging.page(), paging.size());
    }

    @GET
    @Path("/{id}/skipped")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Read an import's skipped rows",
            description = "Each row that changed nothing because its "
                    + "card already holds a later state (the owner answered 409 stale-change), in file order: its line number, "
                    + "recordType and reference, and the owner's reason (the row's time and the card's last change). A file "
                    + "imported again skips every card's earlier states; they are not failures and are not listed at "
                    + ".../errors. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "A page of skipped rows.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.SkippedRowPage.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "400", description = "page or size out of range, or the id is the nil UUID.")
    public ImportApi.SkippedRowPage skipped(@PathParam("id") UUID id, @BeanParam @Valid RowPageParams paging) {
        return imports.skipped(id, paging.page(), paging.size());
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Cancel an import",
            description = "A queued job ends at once; a running one after the row "
                    + "being applied. Rows applied stay applied. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The job: CANCELLED, or RUNNING with cancelRequested until the " + "worker stops it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImportApi.ImportView.class)))
    @APIResponse(responseCode = "404", description = "No such import in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The job has already ended.")
    public ImportApi.ImportView cancel(@PathParam("id") UUID id) {
        return imports.cancel(id);
    }
}
