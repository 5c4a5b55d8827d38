package com.salespulse.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.localstack.StackSelection.Decision;
import com.salespulse.localstack.StackSelection.Kind;
import com.salespulse.localstack.StackSelection.Request;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The choice between embedded servers and containers, on made-up machines: no Docker is needed to run it. */
class StackSelectionTest {

    @Test
    void autoStaysEmbeddedWhereNoSocketExistsWithoutAskingTestcontainers() {
        FakeMachine laptop = new FakeMachine(); // reaching the engine would fail the test

        Decision decision = StackSelection.decide(Request.AUTO, laptop);

        assertThat(decision.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(decision.reason()).contains("no Docker or Podman socket found", "/var/run/docker.sock");
    }

    @Test
    void autoTakesContainersWhereTheDockerSocketExistsAndTestcontainersReachesTheEngine() {
        FakeMachine linux = new FakeMachine().with("/var/run/docker.sock").engine(true);

        Decision decision = StackSelection.decide(Request.AUTO, linux);

        assertThat(decision.kind()).isEqualTo(Kind.CONTAINERS);
        assertThat(decision.reason()).contains("/var/run/docker.sock");
    }

    @Test
    void autoStaysEmbeddedWhereASocketIsLeftButNoEngineAnswers() {
        FakeMachine stale = new FakeMachine().with("/var/run/docker.sock").engine(false);

        Decision decision = StackSelection.decide(Request.AUTO, stale);

        assertThat(decision.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(decision.reason()).contains("/var/run/docker.sock", "Testcontainers reaches no engine");
    }

    @Test
    void findsDockerDesktopOnAMacInTheHomeFolder() {
        FakeMachine mac = new FakeMachine()
                .home("/Users/anna")
                .with("/Users/anna/.docker/run/docker.sock")
                .engine(true);

        Decision decision = StackSelection.decide(Request.AUTO, mac);

        assertThat(decision.kind()).isEqualTo(Kind.CONTAINERS);
        assertThat(decision.reason()).contains("/Users/anna/.docker/run/docker.sock");
    }

    @Test
    void aRootlessPodmanSocketWithoutDockerHostIsFoundAndTheReasonSaysToExportDockerHost() {
        FakeMachine podman = new FakeMachine()
                .env("XDG_RUNTIME_DIR", "/run/user/1000")
                .with("/run/user/1000/podman/podman.sock")
                .engine(false);

        Decision decision = StackSelection.decide(Request.AUTO, podman);

        assertThat(decision.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(decision.reason()).contains("export DOCKER_HOST=unix:///run/user/1000/podman/podman.sock");
    }

    @Test
    void podmanNamedByDockerHostIsUsed() {
        FakeMachine podman = new FakeMachine()
                .env("DOCKER_HOST", "unix:///run/user/1000/podman/podman.sock")
                .with("/run/user/1000/podman/podman.sock")
                .engine(true);

        Decision decision = StackSelection.decide(Request.AUTO, podman);

        assertThat(decision.kind()).isEqualTo(Kind.CONTAINERS);
        assertThat(decision.reason()).contains("DOCKER_HOST unix:///run/user/1000/podman/podman.sock");
    }

    @Test
    void aRemoteEngineInDockerHostIsLeftToTestcontainersToCheck() {
        FakeMachine ci =
                new FakeMachine().env("DOCKER_HOST", "tcp://docker:2375").engine(true);

        assertThat(StackSelection.decide(Request.AUTO, ci).kind()).isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void dockerHostNamingAMissingSocketFindsNothing() {
        FakeMachine machine = new FakeMachine().env("DOCKER_HOST", "unix:///gone/docker.sock");

        assertThat(StackSelection.decide(Request.AUTO, machine).kind()).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void theDockerHostOfTestcontainersOwnPropertiesFileCounts() {
        FakeMachine machine = new FakeMachine()
                .home("/home/ops")
                .file("/home/ops/.testcontainers.properties", "docker.host=tcp\\://build-box\\:2376\n")
                .engine(true);

        Decision decision = StackSelection.decide(Request.AUTO, machine);

        assertThat(decision.kind()).isEqualTo(Kind.CONTAINERS);
        assertThat(decision.reason()).contains("tcp://build-box:2376");
    }

    @Test
    void containersForcedWithoutASocketFailsSayingWhereItLookedAndHowToGoOn() {
        FakeMachine laptop = new FakeMachine().property(StackSelection.PROPERTY, "containers");

        assertThatThrownBy(() -> StackSelection.decide(Request.AUTO, laptop))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("salespulse.stack=containers asks for containers")
                .hasMessageContaining("/var/run/docker.sock")
                .hasMessageContaining("podman.sock")
                .hasMessageContaining("salespulse.stack=embedded");
    }

    @Test
    void containersForcedWhereNoEngineAnswersFails() {
        FakeMachine stale = new FakeMachine()
                .property(StackSelection.PROPERTY, "containers")
                .with("/var/run/docker.sock")
                .engine(false);

        assertThatThrownBy(() -> StackSelection.decide(Request.AUTO, stale))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Testcontainers reaches no engine");
    }

    @Test
    void embeddedForcedNeverLooksForAnEngine() {
        FakeMachine docker = new FakeMachine()
                .property(StackSelection.PROPERTY, "embedded")
                .with("/var/run/docker.sock"); // asking for the engine would fail the test

        Decision decision = StackSelection.decide(Request.AUTO, docker);

        assertThat(decision.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(decision.reason()).isEqualTo("salespulse.stack=embedded");
    }

    @Test
    void theLocalRunStaysEmbeddedOnAMachineWithDockerUnlessAsked() {
        FakeMachine docker = new FakeMachine().with("/var/run/docker.sock").engine(true);

        assertThat(StackSelection.decide(Request.EMBEDDED, docker))
                .isEqualTo(new Decision(Kind.EMBEDDED, "embedded by default"));
        assertThat(StackSelection.decide(Request.EMBEDDED, Request.CONTAINERS, docker)
                        .kind())
                .isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void theVariableAppliesWhereThePropertyIsNotSetAndThePropertyWins() {
        FakeMachine machine = new FakeMachine()
                .env(StackSelection.ENVIRONMENT_VARIABLE, "containers")
                .with("/var/run/docker.sock")
                .engine(true);

        assertThat(StackSelection.decide(Request.EMBEDDED, machine).kind()).isEqualTo(Kind.CONTAINERS);
        machine.property(StackSelection.PROPERTY, "embedded");
        assertThat(StackSelection.decide(Request.EMBEDDED, machine).kind()).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void theCommandLineSwitchWinsOverThePropertyAndTheVariable() {
        FakeMachine laptop = new FakeMachine()
                .property(StackSelection.PROPERTY, "embedded")
                .env(StackSelection.ENVIRONMENT_VARIABLE, "embedded");

        assertThatThrownBy(() -> StackSelection.decide(Request.EMBEDDED, Request.CONTAINERS, laptop))
                .hasMessageStartingWith("--containers asks for containers");
    }

    @Test
    void anUnknownValueIsRefusedNamingTheSetting() {
        FakeMachine machine = new FakeMachine().env(StackSelection.ENVIRONMENT_VARIABLE, "docker");

        assertThatThrownBy(() -> StackSelection.decide(Request.AUTO, machine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SALESPULSE_STACK=docker is not one of embedded, containers, auto");
    }

    @Test
    void onWindowsDockerDesktopsNamedPipeCounts() {
        FakeMachine windows =
                new FakeMachine().windows().with("\\\\.\\pipe\\docker_engine").engine(true);

        assertThat(StackSelection.decide(Request.AUTO, windows).kind()).isEqualTo(Kind.CONTAINERS);
    }

    /** A made-up machine: its environment, its files, and what Testcontainers' check would answer. */
    private static final class FakeMachine implements StackSelection.Machine {

        private final Map<String, String> environment = new HashMap<>();
        private final Map<String, String> properties = new HashMap<>();
        private final Set<Path> existing = new HashSet<>();
        private final Map<Path, String> files = new HashMap<>();
        private Path home = Path.of("/home/dev");
        private boolean windows;
        private Boolean engine; // null: the selection must not ask

        FakeMachine env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        FakeMachine property(String name, String value) {
            properties.put(name, value);
            return this;
        }

        FakeMachine home(String path) {
            home = Path.of(path);
            return this;
        }

        FakeMachine windows() {
            windows = true;
            return this;
        }

        FakeMachine with(String path) {
            existing.add(Path.of(path));
            return this;
        }

        FakeMachine file(String path, String content) {
            files.put(Path.of(path), content);
            return with(path);
        }

        FakeMachine engine(boolean reachable) {
            engine = reachable;
            return this;
        }

        @Override
        public String environment(String name) {
            return environment.get(name);
        }

        @Override
        public String property(String name) {
            return properties.get(name);
        }

        @Override
        public Path home() {
            return home;
        }

        @Override
        public boolean isWindows() {
            return windows;
        }

        @Override
        public boolean exists(Path path) {
            return existing.contains(path);
        }

        @Override
        public Optional<String> read(Path file) {
            return Optional.ofNullable(files.get(file));
        }

        @Override
        public boolean testcontainersReachesEngine() {
            if (engine == null) {
                throw new AssertionError("Testcontainers was asked although nothing calls for it");
            }
            return engine;
        }
    }
}
