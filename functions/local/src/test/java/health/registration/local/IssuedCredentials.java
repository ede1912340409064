package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.minidev.json.JSONObject;

/**
 * Every client secret and registration access token the service issued during a test class (every one it answered
 * with, rotated tokens included), so that the local API's log can be searched for each of them. A value is kept with
 * what it was, never printed: a failure names the kind, the client and the log line number.
 */
final class IssuedCredentials {

    private final Map<String, String> whatByValue = new ConcurrentHashMap<>();

    /**
     * Keeps the client_secret and registration_access_token of an answer, those it carries. Read from the JSON itself,
     * before any parser judges it, so that even an answer a parser refuses cannot hide a value from the log check.
     */
    void recordAnswer(JSONObject answer) {
        Object client = answer.get("client_id");
        keep(answer.get("client_secret"), "the client_secret of " + client);
        keep(answer.get("registration_access_token"), "a registration_access_token of " + client);
    }

    private void keep(Object value, String what) {
        if (value instanceof String text && !text.isEmpty()) {
            whatByValue.put(text, what);
        }
    }

    /** How many distinct secrets and tokens were issued. */
    int count() {
        return whatByValue.size();
    }

    /** Fails when any line of the log contains any issued secret or token, naming each line and what it leaked. */
    void assertNoneIn(String log) {
        List<String> leaks = new ArrayList<>();
        String[] lines = log.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            for (Map.Entry<String, String> issued : whatByValue.entrySet()) {
                if (lines[index].contains(issued.getKey())) {
                    leaks.add("line " + (index + 1) + " contains " + issued.getValue());
                }
            }
        }
        assertThat(leaks).as("issued credentials in the local API's log (%d lines searched for %d values)",
                lines.length, whatByValue.size()).isEmpty();
    }
}
