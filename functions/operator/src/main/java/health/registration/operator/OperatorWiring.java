package health.registration.operator;

import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.operator.ClientListing;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.operator.OperatorClients;
import health.registration.core.operator.OperatorPorts;
import health.registration.core.operator.OperatorServices;
import health.registration.core.operator.OperatorSuspensions;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeSettings;
import health.registration.issuance.IssuanceWiring;
import java.util.function.UnaryOperator;

/** The operator function's pieces over the shared {@link IssuanceWiring}: the operator's client API. */
final class OperatorWiring {

    private OperatorWiring() {}

    /**
     * The operator's client API (manual path, policy section 1): the manual policy, with the registration's probes
     * planned here by the manual path's URL rules (so a native app's redirect URI is never probed) and made by the
     * usual prober; lifecycle events as for the other paths; the audit trail {@code trail} wraps around the
     * EventBridge audit (null when {@code EVENT_BUS_NAME} is unset, locally).
     */
    static OperatorServices operatorServices(IssuanceWiring shared, UnaryOperator<OperatorAudit> trail) {
        PolicyContext context = shared.settings().policyContext();
        ProbeConfiguration probing = shared.settings().probeConfiguration();
        ProbeSettings planning = new ProbeSettings(probing.limits(), probing.termsFailuresAreErrors(), context)
                .withUrlRules(Policies.manualUrlRules());
        RegistrationReview review = new RegistrationReview(Policies.manualRegistration(), context,
                new PlannedUrlProber(shared.probing().prober(context), planning));
        OperatorAudit bus = shared.auditBus().orElse(null);
        IssuanceSettings issuance = shared.issuanceSettings();
        ClientStores stores = shared.stores();
        OperatorPorts ports = new OperatorPorts(stores, trail.apply(bus));
        OperatorClients clients = new OperatorClients(new ClientRegistrar(review, stores, new SecureRandomIdSource(),
                IssuanceWiring.CLOCK, issuance), review, ports, issuance, IssuanceWiring.CLOCK);
        return new OperatorServices(clients, new OperatorSuspensions(clients, ports, issuance, IssuanceWiring.CLOCK),
                new ClientListing(stores.clients(), issuance));
    }
}
