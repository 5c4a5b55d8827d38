package com.salespulse.deal.product;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.page.PageParams;
import com.salespulse.problem.page.SortOrder;
import com.salespulse.problem.ref.ByRef;
import com.salespulse.problem.ref.ByRefUpsert;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.CurrentCaller;
import com.salespulse.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/products")
@Tag(name = "Products", description = "The product catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;
    private final CurrentCaller caller;

    public ProductResource(ProductService products, CurrentCaller caller) {
        this.products = products;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "List products",
            description = "Paged, by name unless sort says otherwise (the id breaks ties, so pages never "
                    + "overlap). Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "One page of products.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductPage.class)))
    public ProductApi.ProductPage list(
            @Parameter(description = "Only products still in sale.") @QueryParam("activeOnly") @DefaultValue("false")
                    boolean activeOnly,
            @Parameter(
                            description = "The order: name (the default), category, listPrice or createdAt; a leading "
                                    + "- for descending, e.g. -listPrice.",
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            maxLength = 16,
                                            enumeration = {
                                                "name",
                                                "-name",
                                                "category",
                                                "-category",
                                                "listPrice",
                                                "-listPrice",
                                                "createdAt",
                                                "-createdAt"
                                            }))
                    @QueryParam(SortOrder.PARAM)
                    String sort,
            @BeanParam @Valid PageParams paging,
            @Context UriInfo uri) {
        SortOrder order = SortOrder.parse(sort, uri.getQueryParameters(), "name", ProductApi.SORT);
        ProductService.ProductPage result = products.page(activeOnly, order, paging.page(), paging.size());
        return new ProductApi.ProductPage(
                result.items().stream().map(ProductApi.ProductView::of).toList(),
                paging.page(),
                paging.size(),
                result.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(summary = "Read one product", description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The product.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product in the caller's tenant.")
    public ProductApi.ProductView get(@PathParam("id") UUID id) {
        return products.find(id)
                .map(ProductApi.ProductView::of)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }

    @POST
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(summary = "Add a product", description = "Emits salespulse.product.created. Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The product was added; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    public Response create(@NotNull(message = "a JSON body is required") @Valid ProductApi.ProductState request) {
        Product product = products.create(request.details(), request.ref(), request.occurredAt());
        return Response.created(URI.create("/api/v1/products/" + product.id))
                .entity(ProductApi.ProductView.of(product))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Change a product",
            description = "Deal lines keep the name, category and price they were "
                    + "written with. Emits salespulse.product.changed with before and after. Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The product as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The product changed since the version sent.")
    public ProductApi.ProductView change(
            @PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid ProductApi.ProductState request) {
        if (request.version() == null) {
            throw ProblemException.invalidField("version", "is required when changing a product");
        }
        return products.change(id, request.version(), request.details(), request.ref(), request.occurredAt())
                .map(ProductApi.ProductView::of)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }

    @PUT
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Add or change a product by its external reference",
            description = "Adds it "
                    + "(salespulse.product.created at occurredAt) when the reference is new, changes it "
                    + "(salespulse.product.changed) when its facts differ, and answers it unchanged, emitting nothing, when "
                    + "they are the same. version is not needed. ?dryRun=true validates and writes nothing. "
                    + "Roles: head, integrator.")
    @APIResponse(
            responseCode = "201",
            description = "The product was added; Location points to it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The product as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    public Response put(
            @BeanParam ByRefUpsert byRef,
            @NotNull(message = "a JSON body is required") @Valid ProductApi.ProductState request) {
        ExternalRef ref = byRef.ref();
        request.ref(); // both or neither (a 400 naming the missing one), then the same as the path
        ref.mustMatchBody(request.externalSystem(), request.externalId());
        ProductService.Upserted result = products.upsert(ref, request.details(), request.occurredAt(), byRef.dryRun());
        ProductApi.ProductView body = ProductApi.ProductView.of(result.product());
        return ByRefUpsert.answer(result.created(), "/api/v1/products/" + result.product().id, body);
    }

    @GET
    @Path("/by-ref/{externalSystem}/{externalId}")
    @RolesAllowed({Roles.HEAD, Roles.TEAM_LEAD, Roles.MANAGER, Roles.INTEGRATOR})
    @Operation(
            summary = "Read a product by its external reference",
            description = "Roles: head, team-lead, manager, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The product.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No product with that reference in the caller's tenant.")
    public ProductApi.ProductView getByRef(@BeanParam ByRef byRef) {
        return products.findByRef(byRef.ref())
                .map(ProductApi.ProductView::of)
                .orElseThrow(() -> ProblemException.notFound("Product " + byRef));
    }

    @POST
    @Path("/{id}/deactivate")
    @RolesAllowed({Roles.HEAD, Roles.INTEGRATOR})
    @Operation(
            summary = "Deactivate a product",
            description = "Products are never deleted (deals refer to them); a "
                    + "deactivated product cannot be put on new deal lines. Emits salespulse.product.deactivated. "
                    + "Roles: head, integrator.")
    @APIResponse(
            responseCode = "200",
            description = "The product as it is now.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProductApi.ProductView.class)))
    @APIResponse(responseCode = "404", description = "No such product in the caller's tenant.")
    @APIResponse(responseCode = "409", description = "The product is already deactivated.")
    public ProductApi.ProductView deactivate(@PathParam("id") UUID id, @Valid ProductApi.Deactivate request) {
        return products.deactivate(id, request == null ? null : request.reason())
                .map(ProductApi.ProductView::of)
                .orElseThrow(() -> ProblemException.notFound("Product " + id));
    }
}
