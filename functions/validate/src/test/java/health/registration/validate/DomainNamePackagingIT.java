package health.registration.validate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.DomainName;
import health.registration.core.model.Parsed;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment package keeps only the ICU4J data that UTS #46 IDNA reads (the root pom's shade filters): names
 * read through the packaged jar, alone on its class path, come out as they do with the whole ICU4J.
 */
class DomainNamePackagingIT {

    private static final List<String> NAMES = List.of("Bücher.de", "faß.de", "straße.example.com", "xn--bcher-kva.de",
            "a\u200db.de", "日本語.jp", "\u0627\u062e\u062a\u0628\u0627\u0631.com", "xn--a.de", "EXAMPLE.ORG", "ab--c.de",
            "\u05d0\u05d1.1.de", "invalid_name.com", "\u2163.de");

    @Test
    void internationalisedNamesReadFromTheDeploymentPackageAsFromTheFullLibrary() throws Exception {
        try (URLClassLoader packaged = new URLClassLoader(new URL[] {deploymentPackage().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = packaged.loadClass(DomainName.class.getName());
            assertThat(type.getClassLoader()).isSameAs(packaged);
            Method parseUnicode = type.getMethod("parseUnicode", String.class);
            int accepted = 0;
            for (String name : NAMES) {
                Parsed<DomainName> expected = DomainName.parseUnicode(name);
                Object actual = parseUnicode.invoke(null, name);
                assertThat(String.valueOf(actual)).as(name).isEqualTo(String.valueOf(expected));
                accepted += expected.isOk() ? 1 : 0;
            }
            assertThat(accepted).isBetween(3, NAMES.size() - 3);
        }
    }

    private static Path deploymentPackage() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("validate-.*-lambda\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no deployment package in target/: run mvn verify"));
        }
    }
}
