package health.registration.core.port;

import health.registration.core.reverify.ReverificationQueue;
import health.registration.core.reverify.ReverificationSegment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The fan-out queue in memory: records every segment sent, in order. Thread-safe. */
public final class InMemoryReverificationQueue implements ReverificationQueue {

    private final List<ReverificationSegment> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(ReverificationSegment segment) {
        sent.add(segment);
    }

    /** Every segment sent, in order. */
    public List<ReverificationSegment> segments() {
        return List.copyOf(sent);
    }
}
