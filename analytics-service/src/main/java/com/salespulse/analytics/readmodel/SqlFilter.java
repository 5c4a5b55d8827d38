package com.salespulse.analytics.readmodel;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A native-SQL {@code where} clause built from conditions and named parameters, so each metric query states its
 * filters once. analytics does not use Hibernate multitenancy: every query starts from the tenant and generation.
 */
public final class SqlFilter {

    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Parameters only, for statements that write their own conditions (see {@link OpenCards}). */
    public static SqlFilter params() {
        return new SqlFilter();
    }

    /** {@code <alias>.gen = :gen and <alias>.tenant_id = :tenant}. */
    public static SqlFilter forTenant(String alias, ReadFilter request) {
        SqlFilter filter = new SqlFilter();
        filter.where.append(alias).append(".gen = :gen and ").append(alias).append(".tenant_id = :tenant");
        filter.params.put("gen", request.gen());
        filter.params.put("tenant", request.tenant());
        return filter;
    }

    /** Adds {@code and <condition>} with its parameter, unless the value is null (an unused filter). */
    public SqlFilter and(String condition, String param, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            params.put(param, value);
        }
        return this;
    }

    /** Adds a condition without parameters, or with parameters already added. */
    public SqlFilter and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    public SqlFilter param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public String where() {
        return " where " + where + " ";
    }

    @SuppressWarnings("unchecked")
    public List<Object[]> rows(EntityManager em, String sql) {
        return bind(em.createNativeQuery(sql), sql).getResultList();
    }

    public long count(EntityManager em, String sql) {
        return ((Number) bind(em.createNativeQuery(sql), sql).getSingleResult()).longValue();
    }

    /** Binds the parameters the statement names (a count may leave out a condition's parameter the list uses). */
    private Query bind(Query query, String sql) {
        params.forEach((name, value) -> {
            if (java.util.regex.Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                query.setParameter(name, value);
            }
        });
        return query;
    }
}
