package com.salespulse.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.contract.CloudEventCodec;
import com.salespulse.contract.EventType;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ScaleDatasetTest {

    private static final ScaleDataset.Options QUICK = ScaleDataset.Options.of(0.0005, LocalDate.of(2026, 12, 3));

    @Test
    void theSameOptionsMakeTheSameRecordsByteForByte() throws Exception {
        assertThat(digest(QUICK)).isEqualTo(digest(QUICK));
    }

    @Test
    void everyRecordIsADecodableCloudEventOnItsTypesTopicKeyedByItsAggregate() {
        CloudEventCodec codec = new CloudEventCodec();
        ScaleDataset.Summary summary = ScaleDataset.generate(QUICK, record -> {
            var event = codec.decode(record.value());
            assertThat(record.topic()).isEqualTo(event.type().topic());
            assertThat(record.key()).isEqualTo(event.data().aggregateId().toString());
            assertThat(new String(record.headers().lastHeader("content-type").value()))
                    .isEqualTo(CloudEventCodec.CONTENT_TYPE);
        });
        assertThat(summary.tenants()).isEqualTo(2); // the big tenant and one small one at this scale
        assertThat(summary.bigTenantDeals()).isBetween(400L, 600L); // 500 asked for
        assertThat(summary.byType())
                .containsKeys(
                        EventType.DEAL_WON.type(),
                        EventType.DEAL_LOST.type(),
                        EventType.CLIENTS_MERGED.type(),
                        EventType.MANAGER_DISMISSED.type(),
                        EventType.DEAL_REASSIGNED.type(),
                        EventType.PLAN_SET.type(),
                        EventType.EXCHANGE_RATE_SET.type());
    }

    private static String digest(ScaleDataset.Options options) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ScaleDataset.generate(options, record -> {
            sha.update(record.topic().getBytes());
            sha.update(record.key().getBytes());
            sha.update(record.value());
        });
        return HexFormat.of().formatHex(sha.digest());
    }
}
