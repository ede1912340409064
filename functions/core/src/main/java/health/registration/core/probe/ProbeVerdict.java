package health.registration.core.probe;

/** Whether a probe's outcome lets the registration go ahead. */
public enum ProbeVerdict {
    PASS("pass"),
    /** tos_uri and policy_uri failures, unless configuration makes them errors (policy section 5). */
    WARNING("warning"),
    FAIL("fail");

    private final String code;

    ProbeVerdict(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
