package com.salespulse.analytics.export;

import com.salespulse.analytics.metric.MetricAnswer;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the exports in the OpenAPI document: the metric operations list {@code text/csv} and the XLSX type beside
 * JSON (their {@code @Produces}), and the scanner gives every type the JSON answer's schema; this says what the bytes
 * are instead, and adds the 406 of an Accept the operation cannot answer.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ExportOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                APIResponse ok = operation.getResponses() == null
                        ? null
                        : operation.getResponses().getAPIResponse("200");
                Content content = ok == null ? null : ok.getContent();
                Map<String, MediaType> types = content == null ? null : content.getMediaTypes();
                if (types == null || !types.containsKey(MetricAnswer.CSV)) {
                    continue;
                }
                content.addMediaType(
                        MetricAnswer.CSV,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.STRING)
                                        .description("RFC 4180 CSV in UTF-8 with a byte-order mark: one table of the "
                                                + "answer (the `table` parameter; figures by default), a header row "
                                                + "and a row per figure, list element or card (docs/export.md).")));
                content.addMediaType(
                        MetricAnswer.XLSX,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema()
                                        .addType(Schema.SchemaType.STRING)
                                        .format("binary")
                                        .description("An XLSX workbook with a sheet per table of the answer: "
                                                + "figures, each list of the figures, drillDown and about "
                                                + "(docs/export.md).")));
                if (operation.getResponses().getAPIResponse("406") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "406",
                                    OASFactory.createAPIResponse()
                                            .description("The Accept header names none of application/json, text/csv "
                                                    + "and the XLSX type."));
                }
            }
        }
    }
}
