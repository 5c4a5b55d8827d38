package com.salespulse.deal.task;

import com.salespulse.security.CallerScope;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tasks of the caller's tenant; the caller's scope narrows to a manager's own tasks or a team lead's teams'. */
@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<Task, UUID> {

    public Optional<Task> findVisible(UUID id, CallerScope managerScope) {
        return managerScope.isWholeTenant()
                ? findByIdOptional(id)
                : find("id = ?1 and assigneeId in ?2", id, managerScope.managers())
                        .firstResultOptional();
    }

    /** A manager's open tasks, oldest first (the order a card transfer hands them out in). */
    public List<Task> openTasksOf(UUID assigneeId) {
        return list("assigneeId = ?1 and status = ?2", Sort.ascending("createdAt", "id"), assigneeId, Task.Status.OPEN);
    }

    public record Filter(
            CallerScope managerScope, UUID assigneeId, Task.Status status, Task.CardType cardType, UUID cardId) {}

    /** Soonest due first. */
    public List<Task> list(Filter filter, int page, int size) {
        return query(filter).page(Page.of(page, size)).list();
    }

    public long count(Filter filter) {
        return query(filter).count();
    }

    private PanacheQuery<Task> query(Filter filter) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        CallerScope scope = filter.managerScope();
        if (!scope.isWholeTenant()) {
            if (filter.assigneeId() != null && !scope.includes(filter.assigneeId())) {
                where.append(" and 1 = 0");
            }
            where.append(" and assigneeId in :scope");
            params.and("scope", scope.managers());
        }
        UUID assignee = filter.assigneeId();
        if (assignee != null) {
            where.append(" and assigneeId = :assignee");
            params.and("assignee", assignee);
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.cardType() != null) {
            where.append(" and cardType = :cardType");
            params.and("cardType", filter.cardType());
        }
        if (filter.cardId() != null) {
            where.append(" and cardId = :cardId");
            params.and("cardId", filter.cardId());
        }
        return find(where.toString(), Sort.ascending("dueAt", "id"), params);
    }

    /** The task of the caller's tenant with this external reference. */
    public Optional<Task> findByRef(com.salespulse.problem.ref.ExternalRef ref) {
        return find("externalSystem = ?1 and externalId = ?2", ref.externalSystem(), ref.externalId())
                .firstResultOptional();
    }
}
