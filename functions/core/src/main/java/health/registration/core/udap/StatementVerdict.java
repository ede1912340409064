package health.registration.core.udap;

import health.registration.core.policy.RegistrationErrorCode;
import java.util.Objects;

/**
 * What {@link SoftwareStatementVerifier} concluded about a software statement: verified, or rejected with the
 * error code of UDAP DCR §5.2 and a description that never repeats claim values or certificate contents.
 */
public sealed interface StatementVerdict {

    /** Every check of UDAP DCR §4.1–4.3 passed. */
    record Verified(VerifiedStatement statement) implements StatementVerdict {

        public Verified {
            Objects.requireNonNull(statement);
        }
    }

    /**
     * The first check that failed.
     *
     * @param code        {@code invalid_software_statement} for structure, signature and claims,
     *                    {@code unapproved_software_statement} for trust (UDAP DCR §5.2)
     * @param description a plain sentence naming what is wrong
     */
    record Rejected(RegistrationErrorCode code, String description) implements StatementVerdict {

        public Rejected {
            Objects.requireNonNull(code);
            Objects.requireNonNull(description);
        }
    }
}
