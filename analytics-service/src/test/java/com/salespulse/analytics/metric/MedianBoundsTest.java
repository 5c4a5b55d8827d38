package com.salespulse.analytics.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.testsupport.EmbeddedInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: {@link Stats#MEDIAN_BOUNDS}, both middle values of a group from one sort ({@code percentile_disc} over an
 * array of two fractions), on the real PostgreSQL: for groups of 1 to 60 values with repeats, negatives, and nulls
 * (left out), the two columns are the lower and the upper middle of the sorted non-null values, as sorting them here
 * gives; a group of nulls only has none. Every deal metric's median (average check, cycle, time to repeat) is read so.
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class MedianBoundsTest {

    @Inject
    DataSource dataSource;

    @Test
    void theTwoColumnsAreTheLowerAndUpperMiddleOfTheSortedValues() throws Exception {
        SplittableRandom random = new SplittableRandom(20261207);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select " + Stats.medianBounds("v") + " from unnest(cast(? as numeric[])) v")) {
            for (int n = 0; n <= 60; n++) {
                List<BigDecimal> values = new ArrayList<>();
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    // few distinct values, so repeats straddle the middle; every fifth a null
                    BigDecimal value = BigDecimal.valueOf(random.nextInt(-5, 12), 2);
                    if (random.nextInt(5) == 0) {
                        sent.add(null);
                    } else {
                        values.add(value);
                        sent.add(value.toPlainString());
                    }
                }
                statement.setArray(1, connection.createArrayOf("numeric", sent.toArray()));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    Collections.sort(values);
                    int count = values.size();
                    BigDecimal lower = count == 0 ? null : values.get((count - 1) / 2);
                    BigDecimal upper = count == 0 ? null : values.get(count / 2);
                    assertThat(row.getBigDecimal(1))
                            .as("lower middle of %s", values)
                            .isEqualTo(lower);
                    assertThat(row.getBigDecimal(2))
                            .as("upper middle of %s", values)
                            .isEqualTo(upper);
                }
            }
        }
    }
}
