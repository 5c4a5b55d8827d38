package com.salespulse.testsupport;

import com.salespulse.localstack.DevTokens;
import com.salespulse.localstack.KafkaServer;
import com.salespulse.localstack.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL server and a real Kafka broker, started side by side in the test
 * JVM from Maven artifacts (no Docker). Use it as {@code @WithTestResource(EmbeddedInfra.class)} on every test
 * class of a module, so the application boots once for all of them.
 * <p>
 * Bearer tokens the application accepts come from {@link TestTokens}.
 * <p>
 * A field of type {@link KafkaCompanion} annotated with {@link InjectKafka} receives a client of the broker, for
 * producing and consuming records in tests.
 */
public class EmbeddedInfra implements QuarkusTestResourceLifecycleManager {

    private PostgresServer postgres;
    private KafkaServer kafka;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        CompletableFuture<PostgresServer> startingPostgres =
                CompletableFuture.supplyAsync(PostgresServer::startTemporary);
        kafka = KafkaServer.startTemporary(2);
        postgres = startingPostgres.join();
        companion = new KafkaCompanion(kafka.bootstrapServers());
        DevTokens tokens = DevTokens.inDirectory(TestTokens.KEY_DIRECTORY);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                postgres.jdbcUrl("postgres"),
                "quarkus.datasource.username",
                PostgresServer.USER,
                "kafka.bootstrap.servers",
                kafka.bootstrapServers(),
                "mp.jwt.verify.publickey.location",
                tokens.publicKeyFile().toAbsolutePath().toString(),
                "mp.jwt.verify.issuer",
                DevTokens.ISSUER,
                "mp.jwt.verify.audiences",
                DevTokens.AUDIENCE);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
