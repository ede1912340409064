package health.registration.adapters.aws;

import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorActionJson;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.port.StoreUnavailable;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link OperatorAudit} on an EventBridge bus: one PutEvents entry per action, source {@link OperatorAction#SOURCE},
 * detail type {@link OperatorAction#DETAIL_TYPE}, detail {@link OperatorActionJson#detail}. A failed call or a
 * refused entry throws {@link StoreUnavailable}.
 */
public final class EventBridgeOperatorAudit implements OperatorAudit {

    private final EventBridgePutEvents eventBridge;
    private final String busName;

    /**
     * @param eventBridge from {@link EventBridgePutEvents#shared()}
     * @param busName     the bus's name or ARN ({@code EVENT_BUS_NAME})
     */
    public EventBridgeOperatorAudit(EventBridgePutEvents eventBridge, String busName) {
        this.eventBridge = Objects.requireNonNull(eventBridge);
        this.busName = Objects.requireNonNull(busName);
    }

    @Override
    public void record(OperatorAction action) {
        EventBridgePutEvents.Result response;
        try {
            response = eventBridge.put(List.of(new EventBridgePutEvents.Entry(busName, OperatorAction.SOURCE,
                    OperatorAction.DETAIL_TYPE, action.at(), OperatorActionJson.detail(action).toString())));
        } catch (SdkException e) {
            throw new StoreUnavailable("the event bus did not answer PutEvents", e);
        }
        if (response.failedEntryCount() > 0) {
            throw new StoreUnavailable("the event bus refused the audit entry", null);
        }
    }
}
