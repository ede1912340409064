package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code openssl verify}, run on temporary files: an independent implementation judges what the authority
 * issues. A missing openssl fails the test rather than skipping it, so the check cannot silently stop running.
 */
final class OpenSsl {

    static final Path BINARY = Path.of("/usr/bin/openssl");

    /** What openssl answered. */
    record Verdict(int exitCode, String output) {

        boolean verified() {
            return exitCode == 0 && output.contains(": OK");
        }
    }

    private OpenSsl() {}

    /**
     * {@code openssl verify -attime <at> -CAfile ca.pem [-crl_check -CRLfile crl.pem] leaf.pem}: judged at the
     * instant the test PKI was built around, not at the machine's time.
     */
    static Verdict verify(Path directory, String caPem, String leafPem, String crlPem) {
        assertThat(BINARY).as("openssl must be installed at %s to judge issued certificates", BINARY).isExecutable();
        try {
            Path ca = Files.writeString(directory.resolve("ca.pem"), caPem);
            Path leaf = Files.writeString(directory.resolve("leaf.pem"), leafPem);
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "verify",
                    "-attime", Long.toString(AuthorityBench.NOW.getEpochSecond()), "-CAfile", ca.toString()));
            if (crlPem != null) {
                Path crl = Files.writeString(directory.resolve("crl.pem"), crlPem);
                command.addAll(List.of("-crl_check", "-CRLfile", crl.toString()));
            }
            command.add(leaf.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Verdict(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("openssl could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
