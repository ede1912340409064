package health.registration.core.model;

import com.fasterxml.jackson.core.JsonPointer;

/** JSON pointers (RFC 6901) that name the member or array entry a problem concerns. */
public final class FieldPointer {

    /** The pointer to the whole document. */
    public static final String DOCUMENT = "";

    private FieldPointer() {}

    /** {@code /name}, with {@code ~} and {@code /} escaped as RFC 6901 §3 requires. */
    public static String of(String memberName) {
        return JsonPointer.empty().appendProperty(memberName).toString();
    }

    /** {@code /name/index}. */
    public static String of(String memberName, int index) {
        return JsonPointer.empty().appendProperty(memberName).appendIndex(index).toString();
    }

    /** The member name that a pointer starts with, unescaped; empty for the document itself. */
    public static String memberOf(String pointer) {
        JsonPointer parsed = JsonPointer.compile(pointer);
        return parsed.matches() ? "" : parsed.getMatchingProperty();
    }

    /** The array index that follows the member name, or -1. */
    public static int indexOf(String pointer) {
        JsonPointer tail = JsonPointer.compile(pointer).tail();
        return tail == null || tail.matches() ? -1 : tail.getMatchingIndex();
    }
}
