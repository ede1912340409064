package health.registration.testkit;

import org.testcontainers.DockerClientFactory;

/**
 * Testcontainers' own check for a Docker engine (its environment, {@code DOCKER_HOST}, the usual sockets, its
 * configuration file), asked only when LocalStack is chosen: no other class of the emulator seam names
 * Testcontainers, so with moto nothing probes for Docker.
 */
final class TestcontainersDocker implements DockerEngine {

    @Override
    public boolean answers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
