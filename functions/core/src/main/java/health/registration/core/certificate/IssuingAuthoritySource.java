package health.registration.core.certificate;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The issuing CA as a function holds it: its name, which is configuration and checked at once (it names the CRL,
 * {@code /crl/{name}.crl}, so routes answer by it without the key), and its key and chain, read only when a
 * certificate or CRL is to be signed. In the functions {@code keyAndChain} is a refreshing secret: read on first use,
 * never while the function starts, and re-read on the secrets' schedule, so a rotated key takes effect in warm
 * functions.
 *
 * @param name        the CA's name: a lower-case label (see {@link IssuingAuthority#fromPem})
 * @param keyAndChain the current key and chain, built under {@code name}; throws {@code StoreUnavailable} (in the
 *                    functions {@code RefreshingSecret.SecretUnavailable}, answered 503) when they cannot be read or
 *                    are unusable
 */
public record IssuingAuthoritySource(String name, Supplier<IssuingAuthority> keyAndChain) {

    /** @throws IllegalArgumentException when the name is no lower-case label: a configuration error at start */
    public IssuingAuthoritySource {
        IssuingAuthority.requireName(name);
        Objects.requireNonNull(keyAndChain);
    }

    /** A key and chain already read, which never change: tests and tools. */
    public static IssuingAuthoritySource of(IssuingAuthority authority) {
        return new IssuingAuthoritySource(authority.name(), () -> authority);
    }

    /** The key and chain now, read if they are due. */
    IssuingAuthority current() {
        IssuingAuthority current = Objects.requireNonNull(keyAndChain.get(), "no issuing CA");
        if (!current.name().equals(name)) {
            throw new IllegalStateException("the issuing CA's key and chain were read as " + current.name()
                    + ", not " + name);
        }
        return current;
    }

    /** Where the CA's CRL is published: {@code {publicBaseUrl}/crl/{name}.crl}; reads no key. */
    public URI crlUrl(URI publicBaseUrl) {
        return IssuingAuthority.crlUrl(publicBaseUrl, name);
    }
}
