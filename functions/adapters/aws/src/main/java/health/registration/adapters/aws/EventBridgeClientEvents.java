package health.registration.adapters.aws;

import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link ClientEvents} on an EventBridge bus: PutEvents with at most {@value #BATCH} entries a call (the API's limit),
 * each with source {@link LifecycleEvent#SOURCE}, the event's {@link LifecycleEvent.Type#detailType() detail type},
 * the detail {@link LifecycleEventJson#detail} and no resources. When a call fails or the bus refuses any entry
 * ({@code FailedEntryCount} above zero) this throws {@link StoreUnavailable}; the caller keeps every event and
 * publishes them all again later, so an event may arrive twice, and consumers drop repeats by {@code event_id}.
 * Details carry the client's contacts, which are personal data: nothing here logs them or puts them in a message.
 */
public final class EventBridgeClientEvents implements ClientEvents {

    /** PutEvents takes at most ten entries a call. */
    static final int BATCH = 10;

    private final EventBridgePutEvents eventBridge;
    private final String busName;

    /**
     * @param eventBridge from {@link EventBridgePutEvents#shared()}
     * @param busName     the bus's name or ARN ({@code EVENT_BUS_NAME})
     */
    public EventBridgeClientEvents(EventBridgePutEvents eventBridge, String busName) {
        this.eventBridge = Objects.requireNonNull(eventBridge);
        this.busName = Objects.requireNonNull(busName);
    }

    @Override
    public void publish(List<LifecycleEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            put(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
    }

    private void put(List<LifecycleEvent> batch) {
        List<EventBridgePutEvents.Entry> entries = batch.stream().map(this::entry).toList();
        EventBridgePutEvents.Result response;
        try {
            response = eventBridge.put(entries);
        } catch (SdkException e) {
            throw new StoreUnavailable("the event bus did not answer PutEvents", e);
        }
        int failed = response.failedEntryCount();
        if (failed > 0) {
            // Only the error codes: an entry's error message may quote the entry.
            String codes = response.errorCodes().stream().distinct().sorted().collect(Collectors.joining(", "));
            throw new StoreUnavailable("the event bus refused " + failed + " of " + batch.size() + " events ("
                    + codes + ")", null);
        }
    }

    private EventBridgePutEvents.Entry entry(LifecycleEvent event) {
        return new EventBridgePutEvents.Entry(busName, LifecycleEvent.SOURCE, event.type().detailType(), event.at(),
                LifecycleEventJson.detail(event).toString());
    }
}
