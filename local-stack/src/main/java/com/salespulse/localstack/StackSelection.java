package com.salespulse.localstack;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides whether PostgreSQL and Kafka run embedded (zonky's server binaries, the in-process KRaft broker) or as
 * containers through Testcontainers.
 * <p>
 * Asked for with the system property {@value #PROPERTY} or, when that is not set, the environment variable
 * {@value #ENVIRONMENT_VARIABLE}: {@code embedded}, {@code containers} or {@code auto}. {@code auto} takes containers
 * only where a Docker or Podman socket exists <em>and</em> Testcontainers' own check reaches an engine through it.
 * Looking for a socket is a few file checks, so a machine without one pays nothing and never loads Testcontainers.
 * {@code containers} without a reachable engine is an error that says where it looked, never a quiet fallback.
 */
public final class StackSelection {

    public static final String PROPERTY = "salespulse.stack";
    public static final String ENVIRONMENT_VARIABLE = "SALESPULSE_STACK";

    /** What PostgreSQL and Kafka run as. */
    public enum Kind {
        EMBEDDED,
        CONTAINERS
    }

    /** What was asked for. */
    public enum Request {
        EMBEDDED,
        CONTAINERS,
        AUTO;

        static Request parse(String value, String source) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        source + "=" + value + " is not one of embedded, containers, auto", e);
            }
        }
    }

    /** The outcome, with the reason a person reads in the launcher's output or the test log. */
    public record Decision(Kind kind, String reason) {}

    /** What the selection looks at; a test stands in for a machine with its own. */
    public interface Machine {

        String environment(String name);

        String property(String name);

        Path home();

        boolean isWindows();

        boolean exists(Path path);

        Optional<String> read(Path file);

        /** Testcontainers' own check ({@code DockerClientFactory}): does it reach a container engine? */
        boolean testcontainersReachesEngine();
    }

    /** A place a container engine's socket was found. */
    record Socket(String what, String location, boolean podman) {}

    private StackSelection() {}

    /** Decides for this JVM on this machine; {@code unlessAsked} applies when neither property nor variable is set. */
    public static Decision decide(Request unlessAsked) {
        return decide(unlessAsked, null, new ThisMachine());
    }

    /** As {@link #decide(Request)}, with what a command-line switch asks for (null: nothing), which wins. */
    public static Decision decide(Request unlessAsked, Request argument) {
        return decide(unlessAsked, argument, new ThisMachine());
    }

    public static Decision decide(Request unlessAsked, Machine machine) {
        return decide(unlessAsked, null, machine);
    }

    /**
     * @param unlessAsked what applies when nothing else asks
     * @param argument what a command-line switch asks for (the launcher's {@code --containers}), or null; it wins
     *     over the property and the variable
     */
    public static Decision decide(Request unlessAsked, Request argument, Machine machine) {
        String source;
        Request request;
        String property = machine.property(PROPERTY);
        String variable = machine.environment(ENVIRONMENT_VARIABLE);
        if (argument != null) {
            request = argument;
            source = "--" + argument.name().toLowerCase(Locale.ROOT);
        } else if (property != null && !property.isBlank()) {
            request = Request.parse(property, PROPERTY);
            source = PROPERTY + "=" + property.trim();
        } else if (variable != null && !variable.isBlank()) {
            request = Request.parse(variable, ENVIRONMENT_VARIABLE);
            source = ENVIRONMENT_VARIABLE + "=" + variable.trim();
        } else {
            request = unlessAsked;
            source = unlessAsked.name().toLowerCase(Locale.ROOT) + " by default";
        }
        if (request == Request.EMBEDDED) {
            return new Decision(Kind.EMBEDDED, source);
        }
        List<Socket> sockets = sockets(machine);
        if (sockets.isEmpty()) {
            String why = "no Docker or Podman socket found (looked at " + String.join(", ", lookedAt(machine)) + ")";
            if (request == Request.CONTAINERS) {
                throw new IllegalStateException(source + " asks for containers, but " + why
                        + ". Start Docker or Podman, or set DOCKER_HOST, or ask for " + PROPERTY + "=embedded.");
            }
            return new Decision(Kind.EMBEDDED, source + ": " + why);
        }
        Socket first = sockets.get(0);
        if (machine.testcontainersReachesEngine()) {
            return new Decision(
                    Kind.CONTAINERS,
                    source + ": Testcontainers reaches the engine (" + first.what() + " " + first.location() + ")");
        }
        String why = "found " + first.what() + " " + first.location() + ", but Testcontainers reaches no engine"
                + hint(first, machine);
        if (request == Request.CONTAINERS) {
            throw new IllegalStateException(source + " asks for containers, but " + why + ".");
        }
        return new Decision(Kind.EMBEDDED, source + ": " + why);
    }

    /** Testcontainers finds Podman only through DOCKER_HOST (or its own properties file). */
    private static String hint(Socket socket, Machine machine) {
        if (socket.podman() && blank(machine.environment("DOCKER_HOST"))) {
            return " through it: Testcontainers uses Podman through DOCKER_HOST, so export DOCKER_HOST=unix://"
                    + socket.location() + " (and TESTCONTAINERS_RYUK_DISABLED=true where Ryuk cannot start)";
        }
        return " through it: is the engine running?";
    }

    /** Every place a socket was found, the explicit settings first. */
    static List<Socket> sockets(Machine machine) {
        List<Socket> found = new ArrayList<>();
        String dockerHost = machine.environment("DOCKER_HOST");
        if (!blank(dockerHost) && endpointExists(dockerHost.trim(), machine)) {
            found.add(new Socket("DOCKER_HOST", dockerHost.trim(), dockerHost.contains("podman")));
        }
        Path userSettings = machine.home().resolve(".testcontainers.properties");
        for (String key : List.of("docker.host", "tc.host")) {
            testcontainersSetting(machine, userSettings, key)
                    .filter(endpoint -> endpointExists(endpoint, machine))
                    .ifPresent(endpoint ->
                            found.add(new Socket(key + " in ~/.testcontainers.properties", endpoint, false)));
        }
        for (Path socket : dockerSockets(machine)) {
            if (machine.exists(socket)) {
                found.add(new Socket("Docker socket", socket.toString(), false));
            }
        }
        for (Path socket : podmanSockets(machine)) {
            if (machine.exists(socket)) {
                found.add(new Socket("Podman socket", socket.toString(), true));
            }
        }
        return found;
    }

    /**
     * A {@code unix://} endpoint counts when its file exists; a TCP, SSH or named-pipe endpoint counts as given, and
     * Testcontainers' check then says whether an engine answers there.
     */
    private static boolean endpointExists(String endpoint, Machine machine) {
        if (endpoint.startsWith("unix://")) {
            return machine.exists(Path.of(endpoint.substring("unix://".length())));
        }
        return true;
    }

    private static Optional<String> testcontainersSetting(Machine machine, Path file, String key) {
        return machine.read(file).map(text -> {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.getProperty(key);
        });
    }

    /** Docker Engine, Docker Desktop (macOS, Linux), rootless Docker, Colima, Rancher Desktop, OrbStack. */
    private static List<Path> dockerSockets(Machine machine) {
        if (machine.isWindows()) {
            return List.of(Path.of("\\\\.\\pipe\\docker_engine"));
        }
        Path home = machine.home();
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".orbstack/run/docker.sock")));
        String runtime = machine.environment("XDG_RUNTIME_DIR");
        if (!blank(runtime)) {
            sockets.add(Path.of(runtime, "docker.sock"));
        }
        return sockets;
    }

    /** Podman as root, rootless on Linux, and a Podman machine on macOS (Podman 4 and 5). */
    private static List<Path> podmanSockets(Machine machine) {
        if (machine.isWindows()) {
            return List.of(Path.of("\\\\.\\pipe\\podman-machine-default"));
        }
        List<Path> sockets = new ArrayList<>();
        String runtime = machine.environment("XDG_RUNTIME_DIR");
        if (!blank(runtime)) {
            sockets.add(Path.of(runtime, "podman", "podman.sock"));
        }
        sockets.add(Path.of("/run/podman/podman.sock"));
        sockets.add(machine.home().resolve(".local/share/containers/podman/machine/podman.sock"));
        sockets.add(
                machine.home().resolve(".local/share/containers/podman/machine/podman-machine-default/podman.sock"));
        String tmp = machine.environment("TMPDIR");
        if (!blank(tmp)) {
            sockets.add(Path.of(tmp, "podman", "podman-machine-default-api.sock"));
        }
        return sockets;
    }

    private static List<String> lookedAt(Machine machine) {
        List<String> places = new ArrayList<>(List.of("DOCKER_HOST", "~/.testcontainers.properties"));
        dockerSockets(machine).forEach(path -> places.add(path.toString()));
        podmanSockets(machine).forEach(path -> places.add(path.toString()));
        return places;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The real machine; Testcontainers is loaded only when a socket was found. */
    private static final class ThisMachine implements Machine {

        @Override
        public String environment(String name) {
            return System.getenv(name);
        }

        @Override
        public String property(String name) {
            return System.getProperty(name);
        }

        @Override
        public Path home() {
            return Path.of(System.getProperty("user.home"));
        }

        @Override
        public boolean isWindows() {
            return System.getProperty("os.name", "").startsWith("Windows");
        }

        @Override
        public boolean exists(Path path) {
            return Files.exists(path);
        }

        @Override
        public Optional<String> read(Path file) {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean testcontainersReachesEngine() {
            return Containers.engineReachable();
        }
    }
}
