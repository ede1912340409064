package health.registration.adapters.aws;

import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorActionJson;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.port.StoreUnavailable;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@link OperatorAudit} on an EventBridge bus: one PutEvents entry per action, source {@link OperatorAction#SOURCE},
 * detail type {@link OperatorAction#DETAIL_TYPE}, detail {@link OperatorActionJson#detail}. A failed call or a
 * refused entry throws {@link StoreUnavailable}.
 */
public final class EventBridgeOperatorAudit implements OperatorAudit {

    private final EventBridgeClient eventBridge;
    private final String busName;

    /**
     * @param eventBridge from {@link EventBridgeClients#shared()}
     * @param busName     the bus's name or ARN ({@code EVENT_BUS_NAME})
     */
    public EventBridgeOperatorAudit(EventBridgeClient eventBridge, String busName) {
        this.eventBridge = Objects.requireNonNull(eventBridge);
        this.busName = Objects.requireNonNull(busName);
    }

    @Override
    public void record(OperatorAction action) {
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(r -> r.entries(e -> e.eventBusName(busName).source(OperatorAction.SOURCE)
                    .detailType(OperatorAction.DETAIL_TYPE).time(action.at())
                    .detail(OperatorActionJson.detail(action).toString())));
        } catch (SdkException e) {
            throw new StoreUnavailable("the event bus did not answer PutEvents", e);
        }
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new StoreUnavailable("the event bus refused the audit entry", null);
        }
    }
}
