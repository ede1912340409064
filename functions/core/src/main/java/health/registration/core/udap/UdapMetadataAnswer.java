package health.registration.core.udap;

/** What {@code GET /.well-known/udap} answers when UDAP is configured (IG STU2 §2.1, §2.2, §2.4). */
public sealed interface UdapMetadataAnswer {

    /** The discovery document as JSON text, {@code signed_metadata} included. */
    record Document(String json) implements UdapMetadataAnswer {}

    /**
     * The {@code community} parameter names no trust community of this server: STU2 §2.4 allows {@code 204 No
     * Content} (or default metadata); this server answers 204, so a client never mistakes the default community's
     * metadata for that of the one it asked about.
     */
    record UnknownCommunity() implements UdapMetadataAnswer {}

    /** The trust anchors hold no community (any more): UDAP is not offered (STU2 §2.2), as if it were off. */
    record NotOffered() implements UdapMetadataAnswer {}
}
