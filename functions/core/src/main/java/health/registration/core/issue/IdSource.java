package health.registration.core.issue;


/** Port: fresh random identifiers and credentials, drawn when needed (never at start, so SnapStart cannot clone them). */
public interface IdSource {

    /** At least 128 random bits, base64url. */
    ClientId newClientId();

    /** At least 256 random bits from {@code SecureRandom}, base64url. */
    ClientSecret newClientSecret();

    /** At least 256 random bits, base64url. */
    RegistrationAccessToken newRegistrationAccessToken();
}
