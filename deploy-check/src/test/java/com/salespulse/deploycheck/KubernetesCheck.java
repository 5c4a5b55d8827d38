package com.salespulse.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules a rendered overlay must keep, each a sentence of {@link #problems()} when broken:
 *
 * <ul>
 *   <li>every service has a Deployment and a Service; nothing else runs;
 *   <li>every environment variable a container sets is read by that service (a {@code ${VAR}} of its configuration
 *       or a configuration key in its environment form), apart from {@link #IMAGE_VARIABLES}; every variable production
 *       needs ({@link ServiceConfig#requiredInProduction()}) is set;
 *   <li>every ConfigMap key a variable takes exists, every ConfigMap key is taken by someone, every Secret key a
 *       variable takes is in the secret template;
 *   <li>the ports named {@code http} and {@code management} are the service's {@code quarkus.http.port} and
 *       {@code quarkus.management.port}; the probes ask the management port for started / live / ready, and the
 *       management interface listens beyond loopback ({@code MANAGEMENT_HOST=0.0.0.0});
 *   <li>a Deployment without a fixed replica count has an HPA with a CPU metric, and a disruption budget;
 *   <li>a NetworkPolicy selects every pod and admits its management port only from pods and namespaces, never from
 *       anywhere;
 *   <li>every topic the suite uses has a KafkaTopic and no KafkaTopic names another; the domain topics are kept for
 *       ever; a consumed topic has at least as many partitions as its consumers may have pods.
 * </ul>
 */
final class KubernetesCheck {

    /** Read by the image's start script (ubi9 openjdk run-java.sh), not by the application. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO");

    /** The fields of a Strimzi {@code KafkaTopic} spec (kafka.strimzi.io/v1beta2), which fabric8 has no model of. */
    static final Set<String> STRIMZI_TOPIC_FIELDS = Set.of("topicName", "partitions", "replicas", "config");

    private final Manifests manifests;
    private final List<ServiceConfig> services;
    private final Map<String, Set<String>> secretTemplate;
    private final List<String> problems = new ArrayList<>();

    KubernetesCheck(Manifests manifests, List<ServiceConfig> services, Map<String, Set<String>> secretTemplate) {
        this.manifests = manifests;
        this.services = services;
        this.secretTemplate = secretTemplate;
    }

    List<String> problems() {
        problems.addAll(manifests.unknownFields());
        Set<String> configMapKeysTaken = new TreeSet<>();
        Set<String> known = new HashSet<>();
        for (ServiceConfig service : services) {
            known.add(service.name());
            Optional<Deployment> deployment = manifests.deployments().stream()
                    .filter(d -> d.getMetadata().getName().equals(service.name()))
                    .findFirst();
            if (deployment.isEmpty()) {
                problems.add(service.name() + " has no Deployment");
                continue;
            }
            checkDeployment(service, deployment.get(), configMapKeysTaken);
            checkService(service, deployment.get());
            checkScaling(deployment.get());
            checkNetworkPolicy(service, deployment.get());
        }
        manifests.deployments().stream()
                .map(d -> d.getMetadata().getName())
                .filter(name -> !known.contains(name))
                .forEach(name -> problems.add("the Deployment " + name + " is no service of the suite"));
        for (ConfigMap configMap : manifests.configMaps()) {
            for (String key : configMap.getData().keySet()) {
                if (!configMapKeysTaken.contains(configMap.getMetadata().getName() + "/" + key)) {
                    problems.add("the ConfigMap " + configMap.getMetadata().getName() + " holds " + key
                            + ", which no container reads");
                }
            }
        }
        checkTopics();
        return problems;
    }

    private void checkDeployment(ServiceConfig service, Deployment deployment, Set<String> configMapKeysTaken) {
        String name = service.name();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
        if (container == null) {
            problems.add(name + ": no container named " + name);
            return;
        }
        if (container.getEnvFrom() != null && !container.getEnvFrom().isEmpty()) {
            problems.add(name + " takes variables wholesale (envFrom), which hides what it sets: name each in env");
        }
        if (!container.getImage().matches("(.+/)?salespulse/" + name + ":[^:/]+")) {
            problems.add(name + " runs the image " + container.getImage() + ", not a tag of salespulse/" + name);
        }
        Map<String, EnvVar> env = new TreeMap<>();
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable);
            if (!service.reads(variable.getName()) && !IMAGE_VARIABLES.contains(variable.getName())) {
                problems.add(name + " sets " + variable.getName()
                        + ", which neither a configuration key nor a ${...} of " + name + " reads");
            }
            if (variable.getValueFrom() != null) {
                var configMapRef = variable.getValueFrom().getConfigMapKeyRef();
                var secretRef = variable.getValueFrom().getSecretKeyRef();
                if (configMapRef != null) {
                    configMapKeysTaken.add(configMapRef.getName() + "/" + configMapRef.getKey());
                    boolean exists = manifests.configMaps().stream()
                            .anyMatch(c -> c.getMetadata().getName().equals(configMapRef.getName())
                                    && c.getData().containsKey(configMapRef.getKey()));
                    if (!exists) {
                        problems.add(name + ": " + variable.getName() + " takes " + configMapRef.getKey()
                                + " of the ConfigMap " + configMapRef.getName() + ", which has no such key");
                    }
                }
                if (secretRef != null
                        && !secretTemplate
                                .getOrDefault(secretRef.getName(), Set.of())
                                .contains(secretRef.getKey())) {
                    problems.add(name + ": " + variable.getName() + " takes " + secretRef.getKey() + " of the Secret "
                            + secretRef.getName() + ", which the secret template does not have");
                }
            }
        }
        service.requiredInProduction().forEach((variable, fallback) -> {
            if (!env.containsKey(variable)) {
                problems.add(name + " does not set " + variable + ", which production needs"
                        + (fallback == null || fallback.isEmpty() ? "" : " (its default " + fallback + " is local)"));
            }
        });
        EnvVar managementHost = env.get("MANAGEMENT_HOST");
        if (managementHost == null || !"0.0.0.0".equals(managementHost.getValue())) {
            problems.add(name + ": MANAGEMENT_HOST is not 0.0.0.0, so the probes cannot reach the management port");
        }

        Integer http = portNumber(container, "http");
        Integer management = portNumber(container, "management");
        if (!Objects.equals(http, service.httpPort())) {
            problems.add(
                    name + ": the container port http is " + http + ", quarkus.http.port is " + service.httpPort());
        }
        if (!Objects.equals(management, service.managementPort())) {
            problems.add(name + ": the container port management is " + management + ", quarkus.management.port is "
                    + service.managementPort());
        }
        checkProbe(service, container, "startupProbe", container.getStartupProbe(), "/started");
        checkProbe(service, container, "livenessProbe", container.getLivenessProbe(), "/live");
        checkProbe(service, container, "readinessProbe", container.getReadinessProbe(), "/ready");
        Map<String, String> annotations =
                deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        if (annotations != null
                && annotations.containsKey("prometheus.io/port")
                && !annotations.get("prometheus.io/port").equals(String.valueOf(service.managementPort()))) {
            problems.add(name + ": prometheus.io/port is " + annotations.get("prometheus.io/port")
                    + ", not the management port " + service.managementPort());
        }
        if (container.getResources() == null
                || container.getResources().getRequests() == null
                || container.getResources().getLimits() == null
                || !container.getResources().getLimits().containsKey("memory")) {
            problems.add(name + ": no resource requests and memory limit");
        }
    }

    private void checkProbe(ServiceConfig service, Container container, String kind, Probe probe, String suffix) {
        String expected = service.healthPath() + suffix;
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null) {
            problems.add(service.name() + ": no HTTP " + kind);
            return;
        }
        Integer port = resolve(container, get.getPort());
        if (!Objects.equals(port, service.managementPort()) || !expected.equals(get.getPath())) {
            problems.add(service.name() + ": the " + kind + " asks " + get.getPath() + " on port " + port + ", not "
                    + expected + " on the management port " + service.managementPort());
        }
    }

    private static Integer portNumber(Container container, String name) {
        return container.getPorts().stream()
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElse(null);
    }

    private static Integer resolve(Container container, IntOrString port) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : portNumber(container, port.getStrVal());
    }

    private void checkService(ServiceConfig service, Deployment deployment) {
        Optional<Service> found = manifests.services().stream()
                .filter(s -> s.getMetadata().getName().equals(service.name()))
                .findFirst();
        if (found.isEmpty()) {
            problems.add(service.name() + " has no Service");
            return;
        }
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        if (!podLabels
                .entrySet()
                .containsAll(found.get().getSpec().getSelector().entrySet())) {
            problems.add("the Service " + service.name() + " selects no pod of its Deployment");
        }
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (ServicePort port : found.get().getSpec().getPorts()) {
            Integer target = resolve(container, port.getTargetPort());
            Integer expected = "management".equals(port.getName()) ? service.managementPort() : service.httpPort();
            if (!Objects.equals(target, expected)) {
                problems.add("the Service " + service.name() + " sends its port " + port.getName() + " to " + target
                        + ", not " + expected);
            }
        }
    }

    private void checkScaling(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        Optional<HorizontalPodAutoscaler> hpa = autoscalerOf(name);
        if (deployment.getSpec().getReplicas() != null) {
            return; // a fixed count (integration-service's single worker): scaled by hand, no budget
        }
        if (hpa.isEmpty()) {
            problems.add(name + " has neither a replica count nor a HorizontalPodAutoscaler");
        } else if (hpa.get().getSpec().getMetrics().stream()
                .noneMatch(m ->
                        m.getResource() != null && "cpu".equals(m.getResource().getName()))) {
            problems.add("the HorizontalPodAutoscaler of " + name + " does not scale on CPU");
        }
        boolean budgeted = manifests.disruptionBudgets().stream()
                .map(PodDisruptionBudget::getSpec)
                .anyMatch(spec -> selects(spec.getSelector(), podLabels));
        if (!budgeted) {
            problems.add(name + " has no PodDisruptionBudget");
        }
    }

    private Optional<HorizontalPodAutoscaler> autoscalerOf(String deployment) {
        return manifests.autoscalers().stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                        && h.getSpec().getScaleTargetRef().getName().equals(deployment))
                .findFirst();
    }

    /** The most pods the Deployment may run: its HPA's maxReplicas, or its fixed count. */
    private int mostPods(String deployment) {
        return autoscalerOf(deployment)
                .map(h -> h.getSpec().getMaxReplicas())
                .orElseGet(() -> manifests.deployments().stream()
                        .filter(d -> d.getMetadata().getName().equals(deployment))
                        .map(d -> Objects.requireNonNullElse(d.getSpec().getReplicas(), 1))
                        .findFirst()
                        .orElse(1));
    }

    private void checkNetworkPolicy(ServiceConfig service, Deployment deployment) {
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        List<NetworkPolicy> policies = manifests.networkPolicies().stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), podLabels))
                .filter(p -> p.getSpec().getPolicyTypes() == null
                        || p.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        if (policies.isEmpty()) {
            problems.add(service.name() + ": no NetworkPolicy guards its management port");
            return;
        }
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                boolean coversManagement = rule.getPorts() == null
                        || rule.getPorts().isEmpty()
                        || rule.getPorts().stream()
                                .map(NetworkPolicyPort::getPort)
                                .anyMatch(p -> Objects.equals(resolve(container, p), service.managementPort()));
                boolean fromAnywhere = rule.getFrom() == null
                        || rule.getFrom().isEmpty()
                        || rule.getFrom().stream().anyMatch(peer -> peer.getIpBlock() != null);
                if (coversManagement && fromAnywhere) {
                    problems.add("the NetworkPolicy " + policy.getMetadata().getName() + " opens the management port"
                            + " of " + service.name() + " beyond the cluster's pods");
                }
            }
        }
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    private void checkTopics() {
        Map<String, GenericKubernetesResource> byTopic = new TreeMap<>();
        for (GenericKubernetesResource resource : manifests.kafkaTopics()) {
            Set<String> fields = spec(resource).keySet();
            if (!STRIMZI_TOPIC_FIELDS.containsAll(fields) || !fields.contains("partitions")) {
                problems.add("the KafkaTopic " + resource.getMetadata().getName() + " has the spec fields " + fields
                        + ": Strimzi's are " + STRIMZI_TOPIC_FIELDS + ", partitions required here");
                continue;
            }
            byTopic.put(topicName(resource), resource);
        }
        Set<String> used = Topic.usedBy(services);
        for (String topic : used) {
            GenericKubernetesResource resource = byTopic.get(topic);
            if (resource == null) {
                problems.add("no KafkaTopic for " + topic);
                continue;
            }
            Topic provisioned = topic(resource);
            if (Topic.DOMAIN.contains(topic)) {
                Map<String, Object> config = config(resource);
                if (provisioned.retentionMs() != -1
                        || !"-1".equals(String.valueOf(config.getOrDefault("retention.bytes", "-1")))
                        || String.valueOf(config.getOrDefault("cleanup.policy", "delete"))
                                .contains("compact")) {
                    problems.add("the KafkaTopic " + topic + " does not keep its events for ever (retention.ms=-1,"
                            + " retention.bytes=-1, no compaction): a rebuild reads it from the start");
                }
            }
            for (ServiceConfig service : services) {
                if (service.consumedTopics().contains(topic) && provisioned.partitions() < mostPods(service.name())) {
                    problems.add(topic + " has " + provisioned.partitions() + " partitions, fewer than the "
                            + mostPods(service.name()) + " pods " + service.name() + " may run to consume it");
                }
            }
        }
        byTopic.keySet().stream()
                .filter(topic -> !used.contains(topic))
                .forEach(topic -> problems.add("the KafkaTopic " + topic + " is a topic nobody uses"));
    }

    static String topicName(GenericKubernetesResource resource) {
        Object name = spec(resource).get("topicName");
        return name != null ? (String) name : resource.getMetadata().getName();
    }

    static Topic topic(GenericKubernetesResource resource) {
        Object retention = config(resource).get("retention.ms");
        return new Topic(
                topicName(resource),
                ((Number) spec(resource).get("partitions")).intValue(),
                retention == null ? 604_800_000L : Long.parseLong(String.valueOf(retention)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(GenericKubernetesResource resource) {
        return (Map<String, Object>) spec(resource).getOrDefault("config", Map.of());
    }
}
