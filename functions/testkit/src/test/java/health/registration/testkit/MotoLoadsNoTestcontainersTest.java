package health.registration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * With moto chosen, the seam never touches Testcontainers: no class of it is even loaded, so nothing looks for a
 * Docker engine. The seam runs in a class loader of its own that records every class it is asked for.
 */
class MotoLoadsNoTestcontainersTest {

    @Test
    void withMotoChosenNoTestcontainersClassIsLoaded() throws Exception {
        try (RecordingLoader loader = new RecordingLoader()) {
            Class<?> seam = loader.loadClass(AwsEmulator.class.getName());
            String before = System.getProperty(EmulatorKind.PROPERTY);
            System.setProperty(EmulatorKind.PROPERTY, "moto");
            try {
                assertThat(seam.getMethod("kind").invoke(null)).hasToString("MOTO");
                seam.getMethod("running").invoke(null);
            } catch (InvocationTargetException noMotoHere) {
                // Without AWS_ENDPOINT_URL (plain mvn test) moto's check fails the call; either way, what was loaded counts.
                assertThat(noMotoHere.getCause()).hasMessageContaining("AWS_ENDPOINT_URL");
            } finally {
                restore(before);
            }
            assertThat(loader.requested()).as("classes the seam loaded").anyMatch(n -> n.endsWith(".MotoServer"))
                    .noneMatch(n -> n.startsWith("org.testcontainers.") || n.endsWith(".TestcontainersDocker")
                            || n.endsWith(".LocalStackContainerStart"));

            loader.loadClass("org.testcontainers.DockerClientFactory");
            assertThat(loader.requested()).as("the recorder sees a Testcontainers class when one is loaded")
                    .contains("org.testcontainers.DockerClientFactory");
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty(EmulatorKind.PROPERTY);
        } else {
            System.setProperty(EmulatorKind.PROPERTY, before);
        }
    }

    /** This test's class path in a loader of its own (the JDK's classes from the platform loader), recording names. */
    private static final class RecordingLoader extends URLClassLoader {

        private final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }

        Set<String> requested() {
            return Collections.unmodifiableSet(requested);
        }

        private static URL[] classPath() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            // Surefire names the test class path here; its own java.class.path may be a manifest-only jar.
            String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : path.split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }

    }
}
