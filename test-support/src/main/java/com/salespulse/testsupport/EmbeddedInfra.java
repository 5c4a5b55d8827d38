package com.salespulse.testsupport;

import com.salespulse.localstack.DevTokens;
import com.salespulse.localstack.KafkaServer;
import com.salespulse.localstack.PostgresServer;
import com.salespulse.localstack.StackSelection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL server and a real Kafka broker, started side by side. Where a Docker
 * or Podman socket is reachable they run as containers through Testcontainers (PostgreSQL 17, {@code apache/kafka} in
 * KRaft mode); elsewhere they are the embedded servers, started in the test JVM from Maven artifacts. The system
 * property {@code salespulse.stack} (or the variable {@code SALESPULSE_STACK}) forces either: {@code embedded},
 * {@code containers} (an error where no engine is reachable) or {@code auto}, the default ({@link StackSelection}).
 * Use it as {@code @WithTestResource(EmbeddedInfra.class)} on every test class of a module, so the application boots
 * once for all of them.
 * <p>
 * Bearer tokens the application accepts come from {@link TestTokens}.
 * <p>
 * A field of type {@link KafkaCompanion} annotated with {@link InjectKafka} receives a client of the broker, for
 * producing and consuming records in tests.
 */
public class EmbeddedInfra implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(EmbeddedInfra.class);

    private PostgresServer postgres;
    private KafkaServer kafka;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        StackSelection.Decision stack = StackSelection.decide(StackSelection.Request.AUTO);
        LOG.infof("PostgreSQL and Kafka: %s (%s)", stack.kind().name().toLowerCase(Locale.ROOT), stack.reason());
        CompletableFuture<PostgresServer> startingPostgres =
                CompletableFuture.supplyAsync(() -> PostgresServer.startTemporary(stack.kind()));
        kafka = KafkaServer.startTemporary(stack.kind(), 2);
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
