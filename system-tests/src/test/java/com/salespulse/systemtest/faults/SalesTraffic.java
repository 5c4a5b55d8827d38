package com.salespulse.systemtest.faults;

import com.salespulse.localstack.LocalStack;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of a sales team's work through lead-service's public API, as a CRM front end would send it: leads
 * taken in for the tenant's managers, worked to IN_WORK and QUALIFIED, two of three converted (deal-service opens a
 * deal from each conversion, analytics counts both). Every answer is entered in the {@link Ledger}: a 2xx as
 * committed, anything else (a refusal, a 5xx, a timeout, a refused connection) as sent only; a lead whose step did
 * not commit is left where it is and the worker takes in the next one.
 */
final class SalesTraffic implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final List<String> WEEK =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    /** Phone numbers unique across the run, so that no lead is taken for a duplicate of another. */
    private static final AtomicInteger PHONES =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

    private final LocalStack stack;
    private final String tenant;
    private final List<UUID> managers;
    private final Ledger ledger = new Ledger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();
    private final long pauseNanos;

    private SalesTraffic(LocalStack stack, String tenant, List<UUID> managers, Duration pause) {
        this.stack = stack;
        this.tenant = tenant;
        this.managers = managers;
        this.pauseNanos = pause.toNanos();
    }

    /**
     * Sets up the tenant's team and managers, then starts {@code workers} threads that each send an operation, then
     * pause {@code pause}, until {@link #stop()}.
     */
    static SalesTraffic start(LocalStack stack, String tenant, int workers, Duration pause) {
        List<UUID> managers = List.of(UUID.randomUUID(), UUID.randomUUID());
        SalesTraffic traffic = new SalesTraffic(stack, tenant, managers, pause);
        traffic.hireTheTeam();
        for (int i = 0; i < workers; i++) {
            Thread worker = new Thread(traffic::work, tenant + "-traffic-" + i);
            worker.setDaemon(true);
            traffic.workers.add(worker);
            worker.start();
        }
        return traffic;
    }

    Ledger ledger() {
        return ledger;
    }

    String tenant() {
        return tenant;
    }

    /** The tenant's managers, hired through lead-service. */
    List<UUID> managers() {
        return managers;
    }

    /** Stops the workers after their current operation and waits for them. */
    Ledger stop() {
        running.set(false);
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ledger;
    }

    @Override
    public void close() {
        stop();
    }

    private void hireTheTeam() {
        Answer team = send("lead-service", head(), "POST", "/api/v1/teams", "{\"name\":\"Faults " + tenant + "\"}");
        if (!team.committed()) {
            throw new IllegalStateException("cannot create the team: " + team);
        }
        String shifts = String.join(
                ",",
                WEEK.stream()
                        .map(day -> "{\"day\":\"" + day + "\",\"start\":\"00:00:00\",\"end\":\"23:59:00\"}")
                        .toList());
        for (UUID manager : managers) {
            Answer hired = send(
                    "lead-service",
                    head(),
                    "POST",
                    "/api/v1/managers",
                    "{\"id\":\"" + manager + "\",\"name\":\"Manager "
                            + manager.toString().substring(0, 6) + "\",\"teamId\":\"" + team.id()
                            + "\",\"capacity\":10000,\"shifts\":[" + shifts + "]}");
            if (!hired.committed()) {
                throw new IllegalStateException("cannot hire a manager: " + hired);
            }
        }
    }

    private void work() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            UUID manager = managers.get(random.nextInt(managers.size()));
            int phone = PHONES.incrementAndGet();
            Answer created = operation(
                    head(),
                    "/api/v1/leads",
                    "{\"source\":\"faults\",\"clientName\":\"Client " + phone + "\",\"phone\":\"+7 9"
                            + String.format("%09d", phone) + "\",\"managerId\":\"" + manager + "\"}");
            if (!created.committed()) {
                continue;
            }
            UUID lead = UUID.fromString(created.id());
            ledger.leadCreated(lead);
            String asManager = stack.tokens().manager(tenant, manager);
            boolean convert = random.nextInt(3) > 0;
            boolean flowing = true;
            for (String status : List.of("IN_WORK", "QUALIFIED")) {
                if (!flowing || !running.get()) {
                    break;
                }
                Answer moved =
                        operation(asManager, "/api/v1/leads/" + lead + "/status", "{\"status\":\"" + status + "\"}");
                flowing = moved.committed();
                if (flowing) {
                    ledger.statusSet(lead, status);
                }
            }
            if (flowing && convert && running.get()) {
                Answer conversion = operation(
                        asManager,
                        "/api/v1/leads/" + lead + "/convert",
                        "{\"expectedAmount\":" + (10_000 + random.nextInt(90_000)) + ",\"currency\":\"RUB\"}");
                if (conversion.committed()) {
                    ledger.converted(lead);
                }
            }
        }
    }

    /**
     * One lead taken in now, retried until lead-service commits it (within {@code bound}), and entered in the ledger:
     * the probe that times a recovery.
     */
    UUID probe(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            int phone = PHONES.incrementAndGet();
            Answer created = send(
                    "lead-service",
                    head(),
                    "POST",
                    "/api/v1/leads",
                    "{\"source\":\"faults-probe\",\"phone\":\"+7 9" + String.format("%09d", phone)
                            + "\",\"managerId\":\"" + managers.get(0) + "\"}");
            ledger.sent(created.status());
            if (created.committed()) {
                UUID lead = UUID.fromString(created.id());
                ledger.leadCreated(lead);
                return lead;
            }
            LockSupport.parkNanos(pauseNanos);
        }
        throw new AssertionError("lead-service took no lead within " + bound);
    }

    private Answer operation(String token, String path, String body) {
        Answer answer = send("lead-service", token, "POST", path, body);
        ledger.sent(answer.status());
        LockSupport.parkNanos(pauseNanos);
        return answer;
    }

    private String head() {
        return stack.tokens().head(tenant);
    }

    private Answer send(String service, String token, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stack.service(service).spec().url() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    /** One answer: its status (0 when none came) and body. */
    record Answer(int status, String body) {

        boolean committed() {
            return status >= 200 && status < 300;
        }

        String id() {
            return JsonPath.from(body).getString("id");
        }
    }
}
