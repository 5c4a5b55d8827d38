package com.salespulse.deal;

import com.salespulse.contract.deal.DealLine;
import com.salespulse.deal.decimal.Decimals;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * One product line of a deal. The product's name and category are copied when the line is written, so a later
 * catalogue change does not rewrite what was sold.
 */
@Embeddable
public class DealLineItem {

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(name = "product_name", nullable = false)
    public String productName;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public BigDecimal quantity;

    @Column(name = "unit_price", nullable = false)
    public BigDecimal unitPrice;

    @Column(name = "discount_percent", nullable = false)
    public BigDecimal discountPercent;

    /** quantity x unitPrice x (1 - discount/100), to the cent. */
    public BigDecimal amount() {
        BigDecimal factor = BigDecimal.ONE.subtract(discountPercent.movePointLeft(2));
        return quantity.multiply(unitPrice).multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }

    public DealLine toEvent() {
        return new DealLine(
                productId,
                productName,
                category,
                Decimals.plain(quantity),
                Decimals.plain(unitPrice),
                Decimals.plain(discountPercent),
                Decimals.plain(amount()));
    }
}
