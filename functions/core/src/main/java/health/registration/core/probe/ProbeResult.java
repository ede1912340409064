package health.registration.core.probe;

import health.registration.core.model.UrlField;
import java.util.List;
import java.util.Objects;

/**
 * What probing one URL member found.
 *
 * @param field         which kind of URL
 * @param pointer       the member or entry, as a JSON pointer ({@code /redirect_uris/1})
 * @param url           the URL as registered
 * @param outcome       what happened
 * @param httpStatus    the status answered, or null when there was no HTTP answer
 * @param location      a redirect's {@code Location}, sanitised and truncated, or null
 * @param addresses     the addresses the name resolved to (empty when it was not resolved)
 * @param elapsedMillis how long the probe took
 * @param verdict       whether the outcome fails the registration, warns, or passes
 * @param description   a plain sentence for the registrant; empty for a pass
 */
public record ProbeResult(UrlField field, String pointer, String url, ProbeOutcome outcome, Integer httpStatus,
                          String location, List<String> addresses, long elapsedMillis, ProbeVerdict verdict,
                          String description) {

    public ProbeResult {
        Objects.requireNonNull(field);
        Objects.requireNonNull(pointer);
        Objects.requireNonNull(url);
        Objects.requireNonNull(outcome);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(verdict);
        Objects.requireNonNull(description);
    }
}
