package com.salespulse.deploycheck;

import static com.salespulse.deploycheck.Yaml.list;
import static com.salespulse.deploycheck.Yaml.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of Kustomize that deploy/kubernetes uses, so
 * the check needs no binary: {@code resources} (files and directories with their own kustomization), {@code namespace},
 * {@code images} ({@code newName}, {@code newTag}) and {@code patches} given by {@code path} or inline, optionally with
 * a {@code target} (kind, and name as a regular expression). A patch that is a YAML list is a JSON 6902 patch
 * ({@code add}, {@code replace}, {@code remove}); a map is a strategic merge patch, applied as: maps merge key by key, a
 * list whose items all carry a {@code name} merges item by item on it (containers, env), any other list is replaced (as
 * Kubernetes does for HPA metrics and for custom resources). Anything else in a kustomization is refused, so a
 * kustomization that outgrows this stays caught; {@code KustomizeRenderTest} compares the result with {@code kubectl
 * kustomize} where that exists.
 */
final class Kustomize {

    private static final List<String> UNDERSTOOD =
            List.of("apiVersion", "kind", "namespace", "resources", "images", "patches");

    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = Yaml.single(directory.resolve("kustomization.yaml"));
        for (String field : kustomization.keySet()) {
            if (!UNDERSTOOD.contains(field)) {
                throw new IllegalStateException(directory + ": deploy-check's Kustomize does not understand " + field);
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization.getOrDefault("resources", List.of()))) {
            Path resource = directory.resolve((String) entry).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(render(resource));
            } else {
                resources.addAll(Yaml.documents(resource));
            }
        }
        for (Object entry : list(kustomization.getOrDefault("patches", List.of()))) {
            applyPatch(directory, map(entry), resources);
        }
        for (Object entry : list(kustomization.getOrDefault("images", List.of()))) {
            setImage(map(entry), resources);
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                if (!"Namespace".equals(resource.get("kind"))) {
                    map(resource.get("metadata")).put("namespace", namespace);
                }
            }
        }
        return resources;
    }

    private static void applyPatch(Path directory, Map<String, Object> entry, List<Map<String, Object>> resources) {
        Object patch = entry.containsKey("path")
                ? Yaml.documents(directory.resolve((String) entry.get("path")))
                : new org.yaml.snakeyaml.Yaml().load((String) entry.get("patch"));
        Map<String, Object> target = entry.containsKey("target") ? map(entry.get("target")) : null;
        if (patch instanceof List<?> documents
                && !documents.isEmpty()
                && map(documents.get(0)).containsKey("op")) {
            int matched = 0;
            for (Map<String, Object> resource : resources) {
                if (matches(target, resource)) {
                    matched++;
                    for (Object operation : documents) {
                        jsonPatch(resource, map(operation));
                    }
                }
            }
            requireMatch(matched, entry);
            return;
        }
        List<?> documents = patch instanceof List<?> list ? list : List.of(patch);
        for (Object document : documents) {
            Map<String, Object> merge = map(document);
            int matched = 0;
            for (Map<String, Object> resource : resources) {
                boolean hit = target != null
                        ? matches(target, resource)
                        : Objects.equals(resource.get("kind"), merge.get("kind"))
                                && Objects.equals(name(resource), name(merge));
                if (hit) {
                    matched++;
                    Map<String, Object> body = Yaml.copy(merge);
                    if (target != null) {
                        map(body.get("metadata")).remove("name");
                    }
                    strategicMerge(resource, body);
                }
            }
            requireMatch(matched, entry);
        }
    }

    private static void requireMatch(int matched, Map<String, Object> entry) {
        if (matched == 0) {
            throw new IllegalStateException("the patch " + entry + " matches no resource");
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> resource) {
        return (target.get("kind") == null || target.get("kind").equals(resource.get("kind")))
                && (target.get("name") == null || name(resource).matches((String) target.get("name")));
    }

    private static String name(Map<String, Object> resource) {
        return (String) map(resource.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    static void strategicMerge(Map<String, Object> into, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object existing = into.get(key);
            if (value instanceof Map<?, ?> && existing instanceof Map<?, ?>) {
                strategicMerge(map(existing), map(value));
            } else if (value instanceof List<?> items && existing instanceof List<?> current && allNamed(items)) {
                List<Object> merged = new ArrayList<>(current);
                for (Object item : items) {
                    Map<String, Object> patchItem = map(item);
                    Map<String, Object> same = (Map<String, Object>) merged.stream()
                            .filter(m ->
                                    m instanceof Map<?, ?> mm && Objects.equals(mm.get("name"), patchItem.get("name")))
                            .findFirst()
                            .orElse(null);
                    if (same == null) {
                        merged.add(Yaml.copy(patchItem));
                    } else {
                        strategicMerge(same, patchItem);
                    }
                }
                into.put(key, merged);
            } else {
                into.put(key, Yaml.copy(value));
            }
        });
    }

    private static boolean allNamed(List<?> items) {
        return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }

    /** RFC 6902 add / replace / remove at a JSON pointer ({@code ~1} for {@code /}, {@code ~0} for {@code ~}). */
    private static void jsonPatch(Map<String, Object> resource, Map<String, Object> operation) {
        String[] path = ((String) operation.get("path")).substring(1).split("/");
        Object parent = resource;
        for (int i = 0; i < path.length - 1; i++) {
            parent = child(parent, unescape(path[i]));
            if (parent == null) {
                throw new IllegalStateException("no " + operation.get("path") + " in " + name(resource));
            }
        }
        String last = unescape(path[path.length - 1]);
        String op = (String) operation.get("op");
        if (parent instanceof Map<?, ?>) {
            Map<String, Object> object = map(parent);
            switch (op) {
                case "add" -> object.put(last, Yaml.copy(operation.get("value")));
                case "replace" -> {
                    if (!object.containsKey(last)) {
                        throw new IllegalStateException("replace of a missing " + operation.get("path"));
                    }
                    object.put(last, Yaml.copy(operation.get("value")));
                }
                case "remove" -> object.remove(last);
                default -> throw new IllegalStateException("deploy-check's Kustomize does not understand op " + op);
            }
        } else {
            List<Object> array = list(parent);
            int index = last.equals("-") ? array.size() : Integer.parseInt(last);
            switch (op) {
                case "add" -> array.add(index, Yaml.copy(operation.get("value")));
                case "replace" -> array.set(index, Yaml.copy(operation.get("value")));
                case "remove" -> array.remove(index);
                default -> throw new IllegalStateException("deploy-check's Kustomize does not understand op " + op);
            }
        }
    }

    private static Object child(Object parent, String step) {
        if (parent instanceof Map<?, ?> object) {
            return object.get(step);
        }
        List<Object> array = list(parent);
        int index = Integer.parseInt(step);
        return index < array.size() ? array.get(index) : null;
    }

    private static String unescape(String step) {
        return step.replace("~1", "/").replace("~0", "~");
    }

    private static void setImage(Map<String, Object> image, List<Map<String, Object>> resources) {
        for (Map<String, Object> resource : resources) {
            Map<String, Object> spec = map(resource.get("spec"));
            if (spec == null || !(spec.get("template") instanceof Map<?, ?> template)) {
                continue;
            }
            Map<String, Object> podSpec = map(map(template).get("spec"));
            for (String field : List.of("initContainers", "containers")) {
                for (Object container : list(podSpec.getOrDefault(field, List.of()))) {
                    Map<String, Object> c = map(container);
                    String current = (String) c.get("image");
                    String name = current.replaceAll("[:@].*$", "");
                    if (name.equals(image.get("name"))) {
                        String newName = (String) image.getOrDefault("newName", name);
                        String tag = image.containsKey("newTag")
                                ? ":" + image.get("newTag")
                                : current.substring(name.length());
                        c.put("image", newName + tag);
                    }
                }
            }
        }
    }

    /** Keys of the rendered resources in a stable order, kind / namespace / name. */
    static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> resources) {
        Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
        for (Map<String, Object> resource : resources) {
            Map<String, Object> metadata = map(resource.get("metadata"));
            out.put(
                    resource.get("kind") + "/" + metadata.getOrDefault("namespace", "") + "/" + metadata.get("name"),
                    resource);
        }
        return out;
    }

    private Kustomize() {}
}
