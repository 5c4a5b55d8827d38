package com.salespulse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** Calls the running test application's management interface (health, metrics), which has its own random port. */
public final class ManagementInterface {

    private ManagementInterface() {}

    public static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        URI uri = URI.create("http://localhost:" + port + path);
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
