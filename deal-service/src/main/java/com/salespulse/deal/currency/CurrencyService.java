package com.salespulse.deal.currency;

import com.salespulse.contract.deal.BaseCurrencySet;
import com.salespulse.contract.deal.ExchangeRateSet;
import com.salespulse.deal.decimal.Decimals;
import com.salespulse.messaging.outbox.Outbox;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's base currency and dated exchange rates to it. deal-service only records them (and emits them for
 * analytics); amounts stay in the currency they were agreed in.
 */
@ApplicationScoped
public class CurrencyService {

    private final EntityManager em;
    private final Outbox outbox;
    private final Clock clock;

    public CurrencyService(EntityManager em, Outbox outbox, Clock clock) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Optional<String> baseCurrency() {
        return settings().map(s -> s.baseCurrency);
    }

    /** The base currency, or 409 when the head of sales has not set one yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String requiredBaseCurrency() {
        return baseCurrency()
                .orElseThrow(() -> ProblemException.conflict(
                        "The tenant has no base currency yet: set it with PUT /api/v1/currency/base first"));
    }

    /** Sets the base currency; emits {@code BaseCurrencySet} unless it is already that currency. */
    @Transactional
    public String setBase(String currency) {
        CurrencySettings settings = settings().orElse(null);
        String before = settings == null ? null : settings.baseCurrency;
        if (currency.equals(before)) {
            return currency;
        }
        boolean first = settings == null;
        if (first) {
            settings = new CurrencySettings();
            settings.id = UUID.randomUUID();
        }
        settings.baseCurrency = currency;
        settings.updatedAt = clock.instant();
        if (first) {
            // persist a complete row: Hibernate takes the insert's values at persist time
            em.persist(settings);
        }
        outbox.emit(new BaseCurrencySet(settings.id, before, currency, settings.updatedAt));
        return currency;
    }

    /** Sets or corrects the rate of a currency for a date; emits {@code ExchangeRateSet} unless it is unchanged. */
    @Transactional
    public ExchangeRate setRate(String currency, LocalDate date, BigDecimal rateToBase) {
        String base = requiredBaseCurrency();
        if (currency.equals(base)) {
            throw ProblemException.invalidField("currency", "is the base currency; its rate is always 1");
        }
        ExchangeRate rate = em.createQuery(
                        "from ExchangeRate r where r.currency = :c and r.rateDate = :d", ExchangeRate.class)
                .setParameter("c", currency)
                .setParameter("d", date)
                .getResultStream()
                .findFirst()
                .orElse(null);
        BigDecimal before = rate == null ? null : Decimals.plain(rate.rateToBase);
        BigDecimal normalized = Decimals.plain(rateToBase);
        if (before != null && before.compareTo(normalized) == 0) {
            return rate;
        }
        boolean first = rate == null;
        if (first) {
            rate = new ExchangeRate();
            rate.id = UUID.randomUUID();
            rate.currency = currency;
            rate.rateDate = date;
        }
        rate.rateToBase = normalized;
        rate.setAt = clock.instant();
        if (first) {
            em.persist(rate);
        }
        outbox.emit(new ExchangeRateSet(rate.id, currency, base, date, normalized, before, rate.setAt));
        return rate;
    }

    @Transactional
    public List<ExchangeRate> rates() {
        return em.createQuery("from ExchangeRate r order by r.currency, r.rateDate", ExchangeRate.class)
                .getResultList();
    }

    private Optional<CurrencySettings> settings() {
        return em.createQuery("from CurrencySettings", CurrencySettings.class)
                .getResultStream()
                .findFirst();
    }
}
