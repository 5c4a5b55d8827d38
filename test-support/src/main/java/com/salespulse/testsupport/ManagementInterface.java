package com.salespulse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the running test application's management interface (health, metrics), which has its own random port. */
public final class ManagementInterface {

    private ManagementInterface() {}

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        URI uri = URI.create("http://localhost:" + port + path);
        // HTTP/1.1: the JDK client's default HTTP/2 upgrade over plain HTTP once left a request unanswered for good
        // (a CI run hung in OpenApiContractTest); a timeout turns any such stall into a failure that names it
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
