package health.registration.adapters.aws;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An AWS service's refusal of a request sent by {@link SignedRequests}: the HTTP status and the error's type (the
 * {@code x-amzn-ErrorType} header or the JSON body's {@code __type}, without namespace), never the error's message,
 * which may quote what was sent. An {@link SdkClientException}, as the other failures of those requests are.
 */
public final class ServiceError extends SdkClientException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorType;

    ServiceError(String service, int status, String errorType) {
        super(SdkClientException.builder().message(service + " answered HTTP " + status
                + (errorType.isEmpty() ? "" : " (" + errorType + ")")));
        this.status = status;
        this.errorType = Objects.requireNonNull(errorType);
    }

    /** The answer's HTTP status. */
    public int status() {
        return status;
    }

    /** The error's type ({@code ResourceNotFoundException}); empty when the answer named none. */
    public String errorType() {
        return errorType;
    }
}
