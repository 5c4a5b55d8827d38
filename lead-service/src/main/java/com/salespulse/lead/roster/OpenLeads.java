package com.salespulse.lead.roster;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** What the roster needs to know about the leads managers hold; the lead feature answers it. */
public interface OpenLeads {

    /** Open leads per manager, in the caller's tenant. */
    Map<UUID, Long> openCountByManager();

    /** Open leads of each of these managers (absent: none), in the caller's tenant. */
    Map<UUID, Long> openCountByManager(Collection<UUID> managerIds);

    /** How many open leads the manager holds. */
    int openCountOf(UUID managerId);

    /**
     * The SQL of one row, {@code open}: how many open leads the manager of the enclosing statement's row {@code m}
     * holds (of the {@code manager} table), for distribution's claim to rank, cap and take a row in one statement.
     */
    String countOpenSql();
}
