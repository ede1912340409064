package health.registration.testkit;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' part of {@link LocalStackEmulator}: starts the container and reads where Docker published it. Only
 * {@link AwsEmulator} names this class, and only when LocalStack is chosen. The container is not stopped here:
 * Testcontainers removes it when the test JVM ends.
 */
final class LocalStackContainerStart {

    private LocalStackContainerStart() {}

    @SuppressWarnings("resource") // lives as long as the test JVM, removed by Testcontainers when it ends
    static RunningEmulator start(String image) {
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image).asCompatibleSubstituteFor("localstack/localstack"));
        container.start();
        return LocalStackEmulator.running(container.getHost(), container.getMappedPort(LocalStackEmulator.EDGE_PORT),
                container.getRegion());
    }
}
