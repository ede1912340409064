package health.registration.testkit;

/**
 * Whether a Docker engine answers, which LocalStack needs. A seam: {@link TestcontainersDocker} asks Testcontainers;
 * a test gives its own answer.
 */
@FunctionalInterface
interface DockerEngine {

    boolean answers();
}
