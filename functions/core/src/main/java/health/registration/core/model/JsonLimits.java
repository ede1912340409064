package health.registration.core.model;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The bounds on every untrusted JSON document the service reads: a request body and the payload of a software
 * statement alike (policy section 8): at most 64 KiB, nested at most 16 deep, no number longer than 100 characters.
 * Jackson enforces them while it reads, so an oversized value costs no more than its bytes.
 */
public final class JsonLimits {

    /** Largest document, in bytes of UTF-8. */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    /** Deepest nesting of arrays and objects. */
    public static final int MAX_DEPTH = 16;
    /** Longest number literal, in characters: far beyond any count or epoch second, short of costly arithmetic. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private JsonLimits() {}

    /** Jackson's read constraints for these limits. */
    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_DOCUMENT_BYTES)
                .maxStringLength(MAX_DOCUMENT_BYTES)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build();
    }

    /** A factory whose parsers enforce these limits; the caller adds its own features. */
    public static JsonFactoryBuilder factory() {
        return new JsonFactoryBuilder().streamReadConstraints(constraints());
    }
}
