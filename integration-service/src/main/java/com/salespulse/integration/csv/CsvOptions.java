package com.salespulse.integration.csv;

import java.time.ZoneId;
import java.util.List;

/**
 * How to read an export beyond its layout.
 *
 * @param zone the time zone of the export's local dates and times
 * @param currency the currency of amounts without a currency column (amoCRM exports the account's currency only)
 * @param wonStages stage names that mean won besides the layout's own
 * @param lostStages stage names that mean lost besides the layout's own
 */
public record CsvOptions(ZoneId zone, String currency, List<String> wonStages, List<String> lostStages) {

    boolean isWon(CsvLayout layout, String stage) {
        return layout.isWon(stage)
                || wonStages.stream().anyMatch(s -> CsvLayout.normalize(s).equals(CsvLayout.normalize(stage)));
    }

    boolean isLost(CsvLayout layout, String stage) {
        return layout.isLost(stage)
                || lostStages.stream().anyMatch(s -> CsvLayout.normalize(s).equals(CsvLayout.normalize(stage)));
    }
}
