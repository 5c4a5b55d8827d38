package com.salespulse.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.salespulse.testsupport.EmbeddedInfra;
import com.salespulse.testsupport.ManagementInterface;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics and OpenAPI need no token, so the management port listens on loopback only unless the deployment
 * opens it (api-security's default quarkus.management.host=127.0.0.1, MANAGEMENT_HOST).
 */
@QuarkusTest
@WithTestResource(EmbeddedInfra.class)
class ManagementInterfaceBindingTest {

    @Test
    void theManagementPortAnswersOnLoopbackOnly() throws Exception {
        assertThat(ManagementInterface.get("/q/health/live").statusCode()).isEqualTo(200);

        Optional<InetAddress> external = externalAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(external.get(), port), 2000);
                    }
                })
                .isInstanceOf(IOException.class);
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
