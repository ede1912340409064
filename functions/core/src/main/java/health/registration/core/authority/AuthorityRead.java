package health.registration.core.authority;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What reading a client through the authority API gave. */
public sealed interface AuthorityRead {

    /** The client, as {@link AuthorityView} shows it. */
    record Shown(ObjectNode client) implements AuthorityRead {}

    /** No client with this id can be seen: never registered, still pending, or deleted. */
    record NotFound() implements AuthorityRead {}
}
