package com.salespulse.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rule with private targets NOT allowed, as in production. */
class WebhookTargetPolicyTest {

    /** Host names resolve as a real resolver would, without the network: a name that points inside is the trap. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            case "sneaky.example.com" ->
                new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")};
            case "nowhere.example.com" -> throw new UnknownHostException(host);
            default -> InetAddress.getAllByName(host);
        };
    }

    private final WebhookTargetPolicy production =
            new WebhookTargetPolicy(false, Set.of(), WebhookTargetPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/hook",
                "https://localhost:8443/hook",
                "http://[::1]/hook",
                "http://0.0.0.0/hook",
                "http://10.1.2.3/hook",
                "http://172.16.5.4/hook",
                "http://192.168.1.10/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[fe80::1]/hook",
                "http://[fd12:3456::1]/hook",
                "http://224.0.0.1/hook",
                "http://[ff02::1]/hook",
                "http://100.64.0.1/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "https://sneaky.example.com/hook",
                "http://198.18.0.1/hook",
                "http://198.19.255.254/hook",
                "http://240.0.0.1/hook",
                "http://250.1.2.3/hook",
                "http://192.0.0.8/hook",
                "http://192.0.2.10/hook",
                "http://198.51.100.7/hook",
                "http://203.0.113.9/hook",
                "http://192.88.99.1/hook",
                "http://[64:ff9b::a00:1]/hook",
                "http://[64:ff9b:1::a00:1]/hook",
                "http://[2002:a00:1::1]/hook",
                "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook",
                "http://[2001:db8::1]/hook",
                "http://[::a00:1]/hook",
                "http://[::ffff:0:a00:1]/hook",
                "http://[::ffff:0:7f00:1]/hook",
                "http://[100::1]/hook",
                "http://[2001:2::1]/hook",
                "http://[2001:10::1]/hook",
                "http://[2001:1ff:ffff::1]/hook",
                "http://[3fff::1]/hook",
                "http://[3fff:fff:ffff::1]/hook",
                "http://[5f00::1]/hook",
                "http://[fec0::1]/hook",
                "http://255.255.255.255/hook"
            })
    void refusesTargetsInsideOurNetwork(String url) {
        assertThat(production.refusal(url, "demo"))
                .hasValueSatisfying(why -> assertThat(why).contains("webhooks may only target public addresses"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://hooks.example.com/x",
                "file:///etc/passwd",
                "https:///no-host",
                "not a url",
                "https://user:secret@hooks.example.com/x",
                "https://nowhere.example.com/x"
            })
    void refusesUrlsThatAreNotPlainHttpToAResolvableHost(String url) {
        assertThat(production.refusal(url, "demo")).isPresent();
    }

    @Test
    void acceptsAPublicHttpsTarget() {
        assertThat(production.refusal("https://hooks.example.com/sales-pulse", "demo"))
                .isEmpty();
        assertThat(production.refusal("https://93.184.216.34/x", "demo")).isEmpty();
        // neighbours of the special ranges are public
        assertThat(production.refusal("https://198.20.0.1/x", "demo")).isEmpty();
        assertThat(production.refusal("https://239.255.255.255/x", "demo")).isPresent();
        assertThat(production.refusal("https://[2001:4860:4860::8888]/x", "demo"))
                .isEmpty();
        assertThat(production.refusal("https://[2003::1]/x", "demo")).isEmpty();
        // the first public neighbours of 2001::/23, 3fff::/20, 5f00::/16 and 100::/64
        assertThat(production.refusal("https://[2001:200::1]/x", "demo")).isEmpty();
        assertThat(production.refusal("https://[3fff:1000::1]/x", "demo")).isEmpty();
        assertThat(production.refusal("https://[5f01::1]/x", "demo")).isEmpty();
        assertThat(production.refusal("https://[100:0:0:1::1]/x", "demo")).isEmpty();
    }

    @Test
    void privateTargetsOnlyForTheTenantsAllowedThem() {
        WebhookTargetPolicy onPremise =
                new WebhookTargetPolicy(false, Set.of("on-prem"), WebhookTargetPolicyTest::resolve);

        assertThat(onPremise.refusal("http://10.1.2.3/hook", "on-prem")).isEmpty();
        assertThat(onPremise.refusal("http://10.1.2.3/hook", "demo")).isPresent();
        // the URL itself must still be sane
        assertThat(onPremise.refusal("ftp://10.1.2.3/hook", "on-prem")).isPresent();
    }
}
