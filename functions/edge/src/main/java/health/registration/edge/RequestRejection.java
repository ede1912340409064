package health.registration.edge;

import health.registration.core.model.FieldPointer;

/**
 * A request refused before its body is read as metadata (policy section 8). Each carries its HTTP status and a
 * sentence for {@code error_description}; all of them answer with the RFC 7591 error JSON, code
 * invalid_client_metadata.
 */
public sealed interface RequestRejection {

    int status();

    /** A JSON pointer to where the problem is, or the empty pointer for the whole body. */
    String field();

    String description();

    /** 413: the body is larger than the limit. */
    record BodyTooLarge(int limitBytes) implements RequestRejection {
        public int status() {
            return 413;
        }

        public String field() {
            return FieldPointer.DOCUMENT;
        }

        public String description() {
            return "The request body is larger than " + limitBytes + " bytes.";
        }
    }

    /** 415: the body is not declared as {@code application/json} in UTF-8. */
    record UnsupportedMediaType() implements RequestRejection {
        public int status() {
            return 415;
        }

        public String field() {
            return FieldPointer.DOCUMENT;
        }

        public String description() {
            return "The request body must be sent with Content-Type: application/json (UTF-8).";
        }
    }

    /** 400: the body is not a JSON object this service can read. */
    record UnreadableBody(String field, String description) implements RequestRejection {
        public int status() {
            return 400;
        }
    }
}
