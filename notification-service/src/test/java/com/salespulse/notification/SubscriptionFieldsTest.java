package com.salespulse.notification;

import static com.salespulse.notification.SubscriptionRecipientsTest.assertRefusedAndNothingWritten;
import static com.salespulse.notification.SubscriptionRecipientsTest.bot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ManagementInterface;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Garbage that used to be stored is refused, naming the field, and nothing is written. */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class SubscriptionFieldsTest {

    @Test
    void aTimeZoneIsARegionOfTheTimeZoneDatabaseNotAnOffsetOrPaddedName() {
        String tenant = "fld-" + UUID.randomUUID();
        for (String zone : List.of("+03:00", "Z", "UTC+3", "GMT+03:00", " Europe/Moscow", "europe/moscow")) {
            assertRefusedAndNothingWritten(
                    tenant,
                    "{\"channel\":\"BOT\",\"botChatId\":\"42\",\"timeZone\":\"" + zone + "\"}",
                    "timeZone",
                    "not a time zone");
        }
    }

    @Test
    void anEmailAddressHasADomainAndNoHeaderBreak() {
        String tenant = "fld-" + UUID.randomUUID();
        for (String email :
                List.of("head@localhost", "head@example.com\\r\\nBcc: all@example.com", " head@example.com")) {
            assertRefusedAndNothingWritten(
                    tenant, "{\"channel\":\"EMAIL\",\"email\":\"" + email + "\",\"timeZone\":\"UTC\"}", "email", "");
        }
    }

    @Test
    void aBotChatIdIsANumberOrAChannelName() {
        String tenant = "fld-" + UUID.randomUUID();
        for (String chat : List.of("chat-1", "0", "12 34", "@x")) {
            assertRefusedAndNothingWritten(
                    tenant,
                    "{\"channel\":\"BOT\",\"botChatId\":\"" + chat + "\",\"timeZone\":\"UTC\"}",
                    "botChatId",
                    "chat id");
        }
    }

    @Test
    void anAddressOfAnotherChannelIsRefusedNotDropped() {
        String tenant = "fld-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(
                tenant, bot("\"email\":\"head@example.com\""), "email", "is not used by a BOT subscription");
        assertRefusedAndNothingWritten(
                tenant,
                bot("\"webhookUrl\":\"https://example.com/hook\""),
                "webhookUrl",
                "is not used by a BOT subscription");
    }

    @Test
    void aWebhookPortIsOneTo65535() {
        String tenant = "receiver-lab";
        assertRefusedAndNothingWritten(
                tenant,
                "{\"channel\":\"WEBHOOK\",\"webhookUrl\":\"http://127.0.0.1:99999/h\"," + "\"timeZone\":\"UTC\"}",
                "webhookUrl",
                "port");
    }

    @Test
    void aRepeatInAListIsRefusedNamingItsPlace() {
        String tenant = "fld-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(
                tenant, bot("\"alertTypes\":[\"OVERDUE_TASKS\",\"OVERDUE_TASKS\"]"), "alertTypes[1]", "listed twice");
    }

    @Test
    void everyStringFieldOfTheRequestDeclaresAMaximumLength() throws Exception {
        HttpResponse<String> response = ManagementInterface.get("/q/openapi?format=json");
        JsonNode document = new ObjectMapper().readTree(response.body());
        JsonNode properties = document.at("/components/schemas/CreateSubscriptionRequest/properties");
        List<String> unbounded = new ArrayList<>();
        properties.fields().forEachRemaining(field -> {
            JsonNode schema = field.getValue();
            // a $ref (UUID, an enum, LocalTime) says the type; the property's own keywords may narrow it
            JsonNode referenced =
                    schema.has("$ref") ? document.at(schema.get("$ref").asText().substring(1)) : schema;
            boolean string = "string"
                    .equals(schema.path("type").asText(referenced.path("type").asText()));
            boolean bounded = schema.has("maxLength")
                    || referenced.has("enum")
                    || schema.has("enum")
                    || "uuid"
                            .equals(referenced
                                    .path("format")
                                    .asText(schema.path("format").asText()));
            if (string && !bounded) {
                unbounded.add(field.getKey());
            }
        });
        assertThat(properties.size()).isGreaterThan(5);
        assertThat(unbounded).as("string fields without maxLength").isEmpty();
    }
}
