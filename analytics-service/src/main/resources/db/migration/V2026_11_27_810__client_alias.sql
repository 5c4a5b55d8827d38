-- Merged clients (lead.ClientsMerged): the merged client's id → the surviving client's id. The deal metrics count
-- merged clients as one (deals/ClientAliases rewrites deal_fact and activity_fact to the survivor).
create table client_alias (
    gen                 int         not null,
    tenant_id           text        not null,
    merged_client_id    uuid        not null,
    surviving_client_id uuid        not null,
    merged_at           timestamptz not null,
    primary key (gen, tenant_id, merged_client_id)
);
