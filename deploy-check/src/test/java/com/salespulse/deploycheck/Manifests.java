package com.salespulse.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rendered manifests as fabric8's typed Kubernetes models. A field the model does not have (a misspelt
 * {@code readinesProbe}, a {@code httpGet.paht}) would be kept aside by the model's "additional properties" and
 * silently ignored by the API server's older versions; here it is a problem.
 */
record Manifests(List<HasMetadata> resources, List<String> unknownFields) {

    static Manifests of(List<Map<String, Object>> rendered) {
        List<HasMetadata> resources = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map<String, Object> document : rendered) {
            HasMetadata resource = Serialization.unmarshal(Serialization.asJson(document));
            resources.add(resource);
            if (!(resource instanceof GenericKubernetesResource)) {
                findUnknownFields(
                        resource,
                        describe(resource),
                        unknown,
                        java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        }
        return new Manifests(resources, unknown);
    }

    static String describe(HasMetadata resource) {
        return resource.getKind() + " " + resource.getMetadata().getName();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    List<Service> services() {
        return all(Service.class);
    }

    List<ConfigMap> configMaps() {
        return all(ConfigMap.class);
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    List<GenericKubernetesResource> kafkaTopics() {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals("KafkaTopic"))
                .toList();
    }

    private static void findUnknownFields(Object model, String where, List<String> unknown, Set<Object> seen) {
        if (model == null || !seen.add(model)) {
            return;
        }
        if (model instanceof Collection<?> items) {
            items.forEach(item -> findUnknownFields(item, where, unknown, seen));
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.values().forEach(value -> findUnknownFields(value, where, unknown, seen));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") && !name.startsWith("is")) {
                continue;
            }
            try {
                Object value = getter.invoke(model);
                if (name.equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(where + ": unknown field(s) " + extra.keySet() + " in "
                                + model.getClass().getSimpleName());
                    }
                } else {
                    findUnknownFields(value, where, unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
