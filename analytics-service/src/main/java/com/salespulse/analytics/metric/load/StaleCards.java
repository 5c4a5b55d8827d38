package com.salespulse.analytics.metric.load;

import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.analytics.settings.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Issue 20's rules for the open cards, defined once for manager load and forgotten cards: which open deals are
 * rotting and which cards are snoozed now.
 * <ul>
 *   <li>A stage's <b>rotting limit</b> is the limit set on the stage in deal-service ({@code rotAfterDays}), or
 *       else the tenant's usual time in it: the {@value #PERCENTILE} percentile of the finished stays of deals in that stage,
 *       once at least {@value #MIN_HISTORY} deals have left it (fewer: no limit, nothing rots there). The stays are
 *       taken in whole hours (rounded down): now from their rollup {@code card_stay_hour} ({@link #usualSeconds}).</li>
 *   <li>An open deal (not archived) is <b>rotting</b> when it has been in its stage longer than the stage's limit and
 *       is not snoozed.</li>
 *   <li>A card is <b>snoozed</b> while its snooze's moment is later than now; it wakes by the clock, with no
 *       event.</li>
 * </ul>
 */
public final class StaleCards {

    /** The share of finished stays a deal must outlast to rot when its stage has no limit of its own. */
    public static final double PERCENTILE = 0.8;

    /** Finished stays a stage needs before its usual time is trusted as a limit. */
    public static final int MIN_HISTORY = 5;

    /** The reason code a rotting deal carries in the drill-downs. */
    public static final String ROTTING = "ROTTING";

    private StaleCards() {}

    /**
     * Two more {@code with} clauses after {@code OpenCards.with(...)}: {@code rot_limit} (stage, limit_seconds) and
     * {@code card_state}, every column of {@code open_card} plus {@code snoozed}, {@code snooze_reason},
     * {@code snoozed_until}, {@code rotting} and {@code rot_limit_seconds}. Binds {@code now}.
     */
    public static String andCardState(SqlFilter filter, Instant now) {
        return andCardState(filter, now, false);
    }

    /**
     * The same, at a past {@code now} when {@code past}: the snoozes holding then ({@code card_snoozes_at}) and the
     * usual time from the stays finished by then (a stage's own limit is the one it has now).
     */
    public static String andCardState(SqlFilter filter, Instant now, boolean past) {
        String snoozes = past
                ? "card_snoozes_at(:gen, :tenant, :now) z on true"
                : "card_snooze z on z.gen = :gen " + "and z.tenant_id = :tenant";
        filter.param("now", now).param("rotMinHistory", MIN_HISTORY).param("rotPercentile", PERCENTILE);
        return """
                , rot_limit as (
                    select cast(s.stage_id as text) as stage,
                           coalesce(s.rot_after_days * 86400.0, u.usual_seconds) as limit_seconds
                    from stage_name s
                    left join (%1$s) u
                           on u.stage = cast(s.stage_id as text)
                    where s.gen = :gen and s.tenant_id = :tenant and s.kind = 'OPEN'),
                card_state as (
                    select c.*, z.card_id is not null as snoozed, z.reason as snooze_reason, z.snoozed_until,
                           z.snoozed_at,
                           z.card_id is null and r.limit_seconds is not null
                               and extract(epoch from (:now - c.stage_entered_at)) > r.limit_seconds as rotting,
                           r.limit_seconds as rot_limit_seconds
                    from open_card c
                    left join %2$s and z.card_id = c.card_id and z.snoozed_until > :now
                    left join rot_limit r on c.card_type = 'DEAL' and r.stage = c.stage)
                """.formatted(usualSeconds(past), snoozes);
    }

    /**
     * Per stage with at least {@code :rotMinHistory} finished deal stays, the {@code :rotPercentile} percentile of their
     * lengths in whole hours (rounded down), in seconds: {@code (stage, usual_seconds)}. Binds {@code gen},
     * {@code tenant}, and {@code now} when {@code past}.
     * <ul>
     *   <li>Now: from the rollup {@code card_stay_hour} (migration V2026_12_18_20), a row per stage and hour of length
     *       with its count. {@code percentile_cont} of n values takes the values at positions floor(p(n-1)) and
     *       ceil(p(n-1)) in order (from 0) and interpolates between them; here the value at position k is the hour
     *       of the first row whose cumulative count exceeds k. The same figure as {@code percentile_cont} over every
     *       stay, at the hour's resolution, from a few rows a stage.</li>
     *   <li>At a past moment: from the stays finished by then in {@code card_stay}, the same lengths in whole hours.</li>
     * </ul>
     */
    public static String usualSeconds(boolean past) {
        if (past) {
            return """
                    select cs.stage, percentile_cont(cast(:rotPercentile as float8)) within group (
                               order by floor(extract(epoch from (cs.left_at - cs.entered_at)) / 3600) * 3600)
                               as usual_seconds
                    from card_stay cs
                    where cs.gen = :gen and cs.tenant_id = :tenant and cs.card_type = 'DEAL' and cs.left_at <= :now
                    group by cs.stage having count(*) >= :rotMinHistory""";
        }
        return """
                select stage, lo + (hi - lo) * (pos - floor(pos)) as usual_seconds
                from (select stage, pos, cast(min(hours) filter (where upto > floor(pos)) * 3600 as float8) as lo,
                             cast(min(hours) filter (where upto > ceil(pos)) * 3600 as float8) as hi
                      from (select h.stage, h.hours,
                                   cast(sum(h.stays) over (partition by h.stage order by h.hours) as float8) as upto,
                                   sum(h.stays) over (partition by h.stage) as n,
                                   cast(:rotPercentile as float8)
                                       * cast(sum(h.stays) over (partition by h.stage) - 1 as float8) as pos
                            from card_stay_hour h
                            where h.gen = :gen and h.tenant_id = :tenant and h.card_type = 'DEAL') h
                      where n >= :rotMinHistory
                      group by stage, pos) p""";
    }

    /**
     * Working days from {@code from} to {@code now} in the tenant's calendar: the working days after the day of
     * {@code from}, up to and including today (a task due on Friday and looked at on Monday is one working day
     * overdue). Zero when {@code from} is absent or later.
     */
    public static long workingDays(WorkCalendar calendar, Instant from, Instant now) {
        if (from == null || from.isAfter(now)) {
            return 0;
        }
        LocalDate start = LocalDate.ofInstant(from, calendar.zone()).plusDays(1);
        return calendar.workingDays(start, LocalDate.ofInstant(now, calendar.zone()));
    }

    /** Whole days, as the metrics' ageDays. */
    public static long days(Instant from, Instant now) {
        return from == null || from.isAfter(now)
                ? 0
                : Duration.between(from, now).toDays();
    }
}
