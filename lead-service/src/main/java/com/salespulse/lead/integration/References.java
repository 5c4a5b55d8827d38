package com.salespulse.lead.integration;

import com.salespulse.problem.NilUuid;
import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ExternalRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns "by id or by reference" into an id of the caller's tenant. The id is checked first (the nil UUID, an id
 * naming nothing: 400 naming the id field); both given is a 400 naming the ref; a ref naming nothing of the tenant is
 * a 400 naming {@code <ref>.externalId}. Hibernate's tenant filter keeps another tenant's entities out.
 */
@ApplicationScoped
public class References {

    private final Instance<Referable> referables;

    public References(Instance<Referable> referables) {
        this.referables = referables;
    }

    /** The kinds of entity a body may name by reference. */
    public enum Kind {
        MANAGER,
        TEAM,
        CLIENT,
        LEAD;

        String noun() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The id named by {@code idField} or {@code refField}, or null when neither is given.
     *
     * @throws ProblemException 400 naming the field at fault
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID resolve(Kind kind, String idField, UUID id, String refField, ExternalRef ref) {
        if (id != null) {
            NilUuid.refuse(idField, id);
            if (!exists(kind, id)) {
                throw ProblemException.invalidField(idField, "names no " + kind.noun() + " of this tenant");
            }
            if (ref != null) {
                throw ProblemException.invalidField(refField, "give " + idField + " or " + refField + ", not both");
            }
            return id;
        }
        if (ref == null) {
            return null;
        }
        return byRef(kind, ref)
                .orElseThrow(() -> ProblemException.invalidField(
                        refField + ".externalId", "names no " + kind.noun() + " of this tenant (" + ref + ")"));
    }

    /** The id of the entity with this reference in the caller's tenant. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> byRef(Kind kind, ExternalRef ref) {
        return of(kind).idByRef(ref);
    }

    private Referable of(Kind kind) {
        for (Referable referable : referables) {
            if (referable.kind() == kind) {
                return referable;
            }
        }
        throw new IllegalStateException("no repository answers for " + kind);
    }

    private boolean exists(Kind kind, UUID id) {
        return of(kind).exists(id);
    }

    /**
     * An entity's own reference: both or neither (400 naming the missing one), and when it comes in the path of a
     * PUT by reference, a body naming another one is a 400 naming the body's field.
     */
    public static void requirePair(String system, String id, String systemField, String idField) {
        if ((system == null) != (id == null)) {
            throw ProblemException.invalidField(
                    system == null ? systemField : idField, "externalSystem and externalId come together");
        }
    }
}
