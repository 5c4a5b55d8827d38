package com.salespulse.analytics.metric;

import com.salespulse.analytics.readmodel.SqlFilter;
import com.salespulse.problem.page.SortOrder;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** The drill-down of a deal metric: the deals behind a figure, one page of them. */
public final class Drill {

    /**
     * How far a drill-down counts its cards ({@code totalItems}): a list longer than this is said to have this many
     * and more ({@code moreItems}). A count reads every row it counts, so an exact count of 200 000 deals costs the
     * first page 0.1–0.3 s; nobody pages through 10 000 cards by number, and a walk by cursor needs no count.
     */
    public static final int COUNTED_UP_TO = 10_000;

    private Drill() {}

    /**
     * The statement counting {@code fromWhere}'s rows up to {@link #COUNTED_UP_TO} + 1 (more is "more"): {@code with}
     * (a {@code with …} clause, or empty) then {@code select count(*) from (select 1 <fromWhere> limit …)}.
     */
    public static String countUpTo(String with, String fromWhere) {
        return with + " select count(*) from (select 1" + fromWhere + " limit " + (COUNTED_UP_TO + 1) + ") counted";
    }

    /**
     * A deal as a drill-down row: the client's name as title, its status, the moment it closed (or opened), its
     * amount in the base currency, so a list can be shown without asking deal-service.
     */
    public static MetricAnswer.DrillDownItem deal(DealFacts.Deal deal, String status, String reason) {
        return deal(deal, status, null, reason);
    }

    /** The same with an age in days (the deal's cycle, the days since the client's previous win…). */
    public static MetricAnswer.DrillDownItem deal(DealFacts.Deal deal, String status, Long ageDays, String reason) {
        return deal(deal, status, deal.closedAt() != null ? deal.closedAt() : deal.openedAt(), ageDays, reason);
    }

    /**
     * The same about another moment (the card entered its stage, was last touched, its owner was dismissed…);
     * {@code status} is the deal's status code (OPEN, WON, LOST), its stage the one it is in.
     */
    public static MetricAnswer.DrillDownItem deal(
            DealFacts.Deal deal, String status, Instant at, Long ageDays, String reason) {
        return MetricAnswer.DrillDownItem.of(
                        "DEAL",
                        deal.dealId(),
                        deal.managerId(),
                        deal.clientName(),
                        deal.source(),
                        deal.stageId() == null ? null : deal.stageId().toString(),
                        status,
                        at,
                        ageDays,
                        reason)
                .withAmount(Stats.money(deal.baseAmount()));
    }

    /**
     * One term of a drill-down's order: a SQL expression over the drill-down's rows, its direction and where its nulls
     * go (PostgreSQL's default: last ascending, first descending).
     */
    public record Term(String expression, boolean descending, boolean nullsLast) {

        String sql() {
            String direction = descending ? " desc" : "";
            // PostgreSQL's default placement is said only when it is not the default
            return expression
                    + direction
                    + (nullsLast == descending ? (nullsLast ? " nulls last" : " nulls first") : "");
        }

        /** A term of an {@code order by} as written: {@code expr [asc|desc] [nulls first|last]}. */
        static Term parse(String text) {
            String term = text.trim();
            Boolean nullsLast = null;
            if (term.endsWith(" nulls last")) {
                nullsLast = true;
                term = term.substring(0, term.length() - " nulls last".length()).trim();
            } else if (term.endsWith(" nulls first")) {
                nullsLast = false;
                term = term.substring(0, term.length() - " nulls first".length())
                        .trim();
            }
            boolean descending = false;
            if (term.endsWith(" desc")) {
                descending = true;
                term = term.substring(0, term.length() - " desc".length()).trim();
            } else if (term.endsWith(" asc")) {
                term = term.substring(0, term.length() - " asc".length()).trim();
            }
            return new Term(term, descending, nullsLast != null ? nullsLast : !descending);
        }
    }

    /**
     * The order a drill-down page is read in: its terms (the sort, then the rows' key, so the order is total), the
     * {@code ?sort=} it applied (null for the drill-down's default) and the fields it accepts; and, when the request
     * came with a {@code ?cursor=}, the values of the row the page starts after ({@link #page}).
     */
    public record Order(
            List<Term> terms, String applied, List<String> fields, MetricRequest request, List<Object> after) {

        /**
         * How many rows are behind the figure in all pages ({@code totalItems}): {@code count} on a page asked without
         * a cursor (the first page, or a page by number, which a pager numbers with it); null on a page read by
         * cursor, whose reader had the count with the first page. Counting reads every row of the list, as much as
         * the deepest page by number, so a walk by cursor would pay it on every page.
         */
        public Long total(LongSupplier count) {
            return after == null ? count.getAsLong() : null;
        }

        /**
         * {@link #total} counted by a statement: {@code select count(*)} over at most {@link #COUNTED_UP_TO} + 1 of
         * the rows {@code fromWhere} ({@code " from … where …"}) lists, so a first page at any size reads no more than
         * that many rows for its count; {@link MetricAnswer.DrillDown} tells a count that stopped there.
         */
        public Long count(SqlFilter filter, EntityManager em, String fromWhere) {
            return total(() -> filter.count(em, countUpTo("", fromWhere)));
        }

        /** The {@code " order by …"} of the terms. */
        public String sql() {
            return " order by " + terms.stream().map(Term::sql).collect(Collectors.joining(", "));
        }

        /**
         * The terms as extra columns of the page's {@code select} list ({@code ", <term> as drill_k0, …"}), after the
         * columns a drill-down reads: {@link #read} makes the next cursor of the last row's.
         */
        public String keys() {
            StringBuilder keys = new StringBuilder();
            for (int i = 0; i < terms.size(); i++) {
                keys.append(", ")
                        .append(terms.get(i).expression())
                        .append(" as drill_k")
                        .append(i);
            }
            return keys.toString();
        }

        /**
         * The end of a query that reads one page, after its {@code where …} clause: with a cursor the keyset condition
         * ({@code and} the rows after the cursor's row in this order), then the order, then one row more than the page
         * (telling whether there is a next page); without one, the page's offset (the older, slower path: PostgreSQL
         * reads and drops every earlier row). {@link #read} binds it.
         */
        public String page() {
            String keyset = after == null ? "" : " and " + keyset();
            return keyset + sql() + " limit :pageSize" + (after == null ? " offset :pageOffset" : "");
        }

        /**
         * The rows after the cursor's: row-value comparison {@code (a, k) > (:a, :k)} holds only when every term goes
         * one way and none is null, so it is spelled out term by term — after on the first term, or equal on it and
         * after on the next… — with nulls where the term puts them. The first term's bound is repeated alone in front,
         * so an index on it can start at the cursor; where the order starts with several terms going down with their
         * nulls first (PostgreSQL's default for {@code desc}) and the cursor's values for them are not null, their
         * row-value bound {@code (a, b) <= (:a, :b)} is added too: it is exact there (a null in them sorts before the
         * cursor's row, and the comparison is not true for it), and an index on those columns then starts at the
         * cursor's row itself, not at the first of the rows tied with it on the first term (deals closed at the same
         * moment, as an import by day writes them).
         */
        private String keyset() {
            List<String> alternatives = new ArrayList<>();
            List<String> equalSoFar = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                Term term = terms.get(i);
                String e = term.expression();
                String v = ":drillK" + i;
                boolean isNull = after.get(i) == null;
                String beyond;
                if (isNull) {
                    beyond = term.nullsLast() ? null : e + " is not null";
                } else {
                    beyond = e
                            + (term.descending() ? " < " : " > ")
                            + v
                            + (term.nullsLast() ? " or " + e + " is null" : "");
                }
                if (beyond != null) {
                    List<String> conjuncts = new ArrayList<>(equalSoFar);
                    conjuncts.add("(" + beyond + ")");
                    alternatives.add("(" + String.join(" and ", conjuncts) + ")");
                }
                equalSoFar.add(isNull ? e + " is null" : e + " = " + v);
            }
            String any = alternatives.isEmpty() ? "false" : String.join(" or ", alternatives);
            Term first = terms.get(0);
            String e = first.expression();
            String bound = after.get(0) == null
                    ? (first.nullsLast() ? e + " is null" : "true")
                    : e + (first.descending() ? " <= " : " >= ") + ":drillK0"
                            + (first.nullsLast() ? " or " + e + " is null" : "");
            int down = 0;
            while (down < terms.size()
                    && terms.get(down).descending()
                    && !terms.get(down).nullsLast()
                    && after.get(down) != null) {
                down++;
            }
            if (down > 1) {
                List<String> columns = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (int i = 0; i < down; i++) {
                    columns.add(terms.get(i).expression());
                    values.add(":drillK" + i);
                }
                bound = "(" + String.join(", ", columns) + ") <= (" + String.join(", ", values) + ") and (" + bound
                        + ")";
            }
            return "(" + bound + ") and (" + any + ")";
        }

        /**
         * Reads one page with {@code sql} (its select list ending in {@link #keys}, its end {@link #page}) and the
         * filter's parameters: the page's rows, and the cursor of the next page (null on the last).
         */
        public Rows read(SqlFilter filter, EntityManager em, String sql) {
            filter.param("pageSize", request.size() + 1);
            if (after == null) {
                filter.param("pageOffset", request.offset());
            } else {
                for (int i = 0; i < after.size(); i++) {
                    if (after.get(i) != null) {
                        filter.param("drillK" + i, after.get(i));
                    }
                }
            }
            List<Object[]> rows = filter.rows(em, sql);
            if (rows.size() <= request.size()) {
                return new Rows(rows, null);
            }
            Object[] last = rows.get(request.size() - 1);
            List<Object> values = new ArrayList<>(terms.size());
            for (int i = last.length - terms.size(); i < last.length; i++) {
                values.add(last[i]);
            }
            return new Rows(rows.subList(0, request.size()), DrillCursor.encode(scope(), values));
        }

        /** What a cursor is tied to: the request's query, and this order's. */
        private String scope() {
            return request.scope() + "|" + sql();
        }
    }

    /** One page's rows as a query read them (the order's key columns last), and the next page's cursor, if any. */
    public record Rows(List<Object[]> rows, String nextCursor) {

        /** The page's drill-down rows, with the next cursor. */
        public Page map(Function<Object[], MetricAnswer.DrillDownItem> item) {
            return new Page(rows.stream().map(item).toList(), nextCursor);
        }
    }

    /** One page of drill-down rows and the next page's cursor (null on the last page). */
    public record Page(List<MetricAnswer.DrillDownItem> items, String nextCursor) {

        /** No rows: nothing behind the figure. */
        public static final Page EMPTY = new Page(List.of(), null);
    }

    /**
     * The drill-down's fields {@code ?sort=} accepts, each a SQL expression over the drill-down's rows, in the order
     * a 400 lists them; {@code key} is the rows' unique key (one or more columns), the tie-breaker.
     */
    public static Sortable sortable(String key, String... fieldThenExpression) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldThenExpression.length; i += 2) {
            fields.put(fieldThenExpression[i], fieldThenExpression[i + 1]);
        }
        return new Sortable(List.of(key.split(",\\s*")), fields);
    }

    /** What a drill-down can be sorted by: {@link #sortable}. */
    public record Sortable(List<String> key, Map<String, String> fields) {

        /** The same with another expression for one field (a drill-down's own column computed per query). */
        public Sortable with(String field, String expression) {
            Map<String, String> other = new LinkedHashMap<>(fields);
            other.replace(field, expression);
            return new Sortable(key, other);
        }
    }

    /**
     * The drill-down's order for the request: its default ({@code fallback}, a whole {@code " order by …"} ending in
     * the rows' key) when {@code ?sort=} is left out, else the field asked for (nulls last either way), then the key in
     * the same direction, so pages never overlap; a field outside the allow-list (or {@code ?sort=} given empty) is a
     * 400 naming {@code sort} (rest-problem's {@link SortOrder}, the suite's one convention). A {@code ?cursor=} is
     * read here: one that is not this order's is a 400 naming {@code cursor}.
     */
    public static Order order(MetricRequest request, Sortable sortable, String fallback) {
        List<String> fields = List.copyOf(sortable.fields().keySet());
        List<Term> terms = new ArrayList<>();
        String applied = null;
        if (request.sort() == null) {
            if (!fallback.startsWith(" order by ")) {
                throw new IllegalArgumentException("not an order by: " + fallback);
            }
            splitTerms(fallback.substring(" order by ".length())).forEach(term -> terms.add(Term.parse(term)));
        } else {
            SortOrder sort = SortOrder.parse(request.sort(), new MultivaluedHashMap<>(), fields.get(0), fields);
            terms.add(new Term(sortable.fields().get(sort.field()), sort.descending(), true));
            sortable.key().forEach(column -> terms.add(new Term(column, sort.descending(), !sort.descending())));
            applied = (sort.descending() ? "-" : "") + sort.field();
        }
        Order order = new Order(List.copyOf(terms), applied, fields, request, null);
        if (request.cursor() == null) {
            return order;
        }
        return new Order(
                order.terms(),
                applied,
                fields,
                request,
                DrillCursor.decode(request.cursor(), order.scope(), terms.size()));
    }

    /** The terms of an order by, split at the commas outside parentheses. */
    private static List<String> splitTerms(String orderBy) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < orderBy.length(); i++) {
            char c = orderBy.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(orderBy.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(orderBy.substring(start));
        return terms;
    }

    /**
     * The drill-down of a card metric (3, 11, 12) from one page a query read ({@link Order#read}) and the count of all
     * pages' cards ({@link Order#total}: null on a page read by cursor): each deal is shown as the deal metrics show it ({@link #deal}: the client's name, the amount in
     * the base currency, or the reason there is none) with the card metric's own status, moment, age and manager.
     * Only the page's deals are read, so a long list costs one page.
     */
    public static MetricAnswer.DrillDown cardPage(
            MetricRequest request, String figure, Long totalItems, Page page, DealFacts deals) {
        List<MetricAnswer.DrillDownItem> pageItems = page.items();
        Map<UUID, DealFacts.Deal> shown = deals.byId(
                request,
                pageItems.stream()
                        .filter(item -> "DEAL".equals(item.cardType()))
                        .map(MetricAnswer.DrillDownItem::cardId)
                        .toList());
        List<MetricAnswer.DrillDownItem> items = pageItems.stream()
                .map(item -> {
                    DealFacts.Deal deal = shown.get(item.cardId());
                    if (deal == null || !"DEAL".equals(item.cardType())) {
                        return item;
                    }
                    String reason = item.reason() != null ? item.reason() : unconverted(deal);
                    // asked about a past moment (asOf=): the card as it was then (its stage, title, source), its
                    // amount as it is now
                    MetricAnswer.DrillDownItem row = request.past() != null
                            ? MetricAnswer.DrillDownItem.of(
                                            "DEAL",
                                            deal.dealId(),
                                            deal.managerId(),
                                            item.title(),
                                            item.source(),
                                            item.stage(),
                                            item.status(),
                                            item.at(),
                                            item.ageDays(),
                                            reason)
                                    .withAmount(Stats.money(deal.baseAmount()))
                            : deal(deal, item.status(), item.at(), item.ageDays(), reason);
                    // the metric's own manager when it has one (metric 12: the manager a transfer moved the deal to),
                    // else the owner now
                    return row.withManager(item.managerId() != null ? item.managerId() : row.managerId())
                            .withAgeWorkingDays(item.ageWorkingDays());
                })
                .toList();
        return new MetricAnswer.DrillDown(figure, request.page(), request.size(), totalItems, items)
                .next(page.nextCursor());
    }

    /** Why a deal is left out of money figures. */
    public static String unconverted(DealFacts.Deal deal) {
        return deal.converted() ? null : "no exchange rate from " + deal.currency() + " to the base currency";
    }
}
