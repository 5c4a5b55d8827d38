package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A touch is any sign that someone worked a card: a contact attempt or status change on a lead, a stage move, a
 * completed task, a logged activity. It moves the card's last touch forward and is kept in {@code card_touch}, from
 * which metric 12 reads the first touch after a transfer's move or a card's creation ("touched within N days"). A
 * touch applied before its card (another key, so another partition or topic) is kept there too, and the card's
 * creation takes it into its last touch ({@link #latestKept}).
 */
@ApplicationScoped
public class CardTouches {

    /**
     * A SQL expression: the latest touch already kept for a card, null if none. A card's creation starts its last
     * touch from it, because its touches travel under other keys (an activity, a task) and may be applied before the
     * card itself: a touch applied first must count as when it is applied after. {@code gen}, {@code tenant},
     * {@code cardType} and {@code cardId} are SQL expressions (parameters or columns).
     */
    public static String latestKept(String gen, String tenant, String cardType, String cardId) {
        return "(select max(k.touched_at) from card_touch k where k.gen = %s and k.tenant_id = %s and k.card_type = %s "
                        .formatted(gen, tenant, cardType)
                + "and k.card_id = " + cardId + ")";
    }

    /**
     * One statement per card type for all the batch's touches: the touches are kept in {@code card_touch}, from which
     * metric 12 reads the first touch after a move or creation, whichever topic brought the touch first. The cards'
     * rows are not written here: the batch hands its touches to {@link #fold} after its last statement, which brings
     * each touched card's last touch ({@code greatest}) and the dismissed base's first touch ({@code least}) up to
     * date (migration V2026_12_23_10), so a touch holds no card while its batch applies, and a card's touches and its
     * own events no longer take turns ({@link TenantLocks}).
     * <p>
     * A touch commutes with every other gathered statement, so it is gathered in any order ({@link Writes#runInAnyOrder})
     * instead of one step after its card's last statement: the last touch only ever grows wherever it is written (a
     * conversion, a closing, a reopening, the fold), and a card written after its touches (a deal's opening, a win that
     * inserts the deal) starts its last touch from the touches kept in {@code card_touch} ({@link #latestKept}); a
     * touch committed while such a creation is still applying is folded by the creation's own fold.
     */
    private static final String TOUCH = """
            insert into card_touch (gen, tenant_id, card_type, card_id, touched_at)
            select gen, tenant_id, '%s', card_id, touched_at
            from unnest(?::int[], ?::text[], ?::uuid[], ?::timestamptz[]) v(gen, tenant_id, card_id, touched_at)
            on conflict do nothing""";

    private static final String LEAD_TOUCH = TOUCH.formatted("LEAD");
    private static final String DEAL_TOUCH = TOUCH.formatted("DEAL");

    private static final String FOLD = "select card_touches_fold(?, ?, ?, ?, ?, ?::timestamptz[])";

    /** A touch of a card, as the batch hands it to {@link #fold}. */
    record Touch(String cardType, String tenant, UUID cardId, Instant at) {}

    private final EntityManager em;

    public CardTouches(EntityManager em) {
        this.em = em;
    }

    /**
     * Folds the batch's touches, and the touches earlier batches of its tenants left due, into their cards: once a
     * batch, for all its tenants in one call (at most two statements, leads then deals, each reaching every touched
     * card by its key), right after the batch wrote the tenants' position rows ({@code
     * ProjectionPositionRepository.advance}), which it holds to its commit. So the folds of one tenant run one at a
     * time, each after the previous one committed. The touches travel as arrays: nothing is queued for a card the fold
     * can hold, so a touch leaves no dead row behind (a queue of every touch did, and each fold walked the dead entries
     * again while an older transaction was open). A card whose row another batch holds is skipped (SKIP LOCKED) and
     * only its touches are queued in {@code card_touch_due}: that batch has not written the tenant's position row yet,
     * so it folds them after this batch commits. Waiting for the row here would deadlock, as its holder waits for the
     * position row. The migration V2026_12_23_10 tells the whole hand-off.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fold(int gen, Collection<String> tenants, List<Touch> touched) {
        if (tenants.isEmpty()) {
            return;
        }
        int size = touched.size();
        String[] types = new String[size];
        String[] tenantIds = new String[size];
        UUID[] cards = new UUID[size];
        // as text, parsed by PostgreSQL: Instant's ISO form always carries its zone (Z)
        String[] times = new String[size];
        for (int i = 0; i < size; i++) {
            Touch touch = touched.get(i);
            types[i] = touch.cardType();
            tenantIds[i] = touch.tenant();
            cards[i] = touch.cardId();
            times[i] = touch.at().toString();
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement fold = connection.prepareStatement(FOLD)) {
                fold.setInt(1, gen);
                fold.setArray(2, connection.createArrayOf("text", tenants.toArray()));
                fold.setArray(3, connection.createArrayOf("text", types));
                fold.setArray(4, connection.createArrayOf("text", tenantIds));
                fold.setArray(5, connection.createArrayOf("uuid", cards));
                fold.setArray(6, connection.createArrayOf("text", times));
                fold.execute();
            }
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void touch(Applying at, String cardType, UUID cardId, Instant when) {
        boolean deal = "DEAL".equals(cardType);
        at.writes().runInAnyOrder(deal ? DEAL_TOUCH : LEAD_TOUCH, at.gen(), at.tenant(), cardId, when);
        at.writes().touched(new Touch(deal ? "DEAL" : "LEAD", at.tenant(), cardId, when));
    }

    /**
     * A touch whose event's own statement on the card's row sets {@code last_touched_at = greatest(last_touched_at,
     * when)} itself (a stage move, a lead's status change or contact attempt). The touch is kept and folded like any
     * other (the dismissed base's first touch is the fold's); at the fold the card's last touch is already as late,
     * so the fold does not update its row a second time (every update of a card's row runs the row's statement
     * triggers — history, kept cards, rollups — over it again).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void kept(Applying at, String cardType, UUID cardId, Instant when) {
        touch(at, cardType, cardId, when);
    }
}
