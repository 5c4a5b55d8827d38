package com.salespulse.deal.pipeline;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Pipelines of the caller's tenant (Hibernate filters by tenant). */
@ApplicationScoped
public class PipelineRepository implements PanacheRepositoryBase<Pipeline, UUID> {

    public Optional<Pipeline> findDefault() {
        return find("defaultPipeline", true).firstResultOptional();
    }

    public List<Pipeline> listAllByCreation() {
        return listAll(Sort.ascending("createdAt", "id"));
    }
}
