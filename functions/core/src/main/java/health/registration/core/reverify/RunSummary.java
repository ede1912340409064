package health.registration.core.reverify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a run, or a worker's segment of one, did: the function's answer and its log line.
 *
 * @param runId          the run
 * @param selected       due clients read from the index (or named by the segment)
 * @param checked        clients whose check was written
 * @param passed         of those, clients whose every URL and rule passed
 * @param failed         of those, clients that failed
 * @param deferred       clients not checked because their URLs could not be probed; due again soon
 * @param skipped        clients the run had already checked, or no longer due or visible
 * @param conflicts      clients changed by someone else while being checked (an update); left for the next run
 * @param queuedSegments segments sent to workers
 * @param queuedClients  clients in those segments
 * @param urlReferences  URLs named by the checked clients' plans, counting a URL once per client
 * @param probesMade     probes made, counting a URL once per run
 * @param warned         clients turned warning
 * @param suspended      clients turned suspended
 * @param reinstated     clients turned active again
 * @param eventsUnsent   events left on records because publishing them failed; retried on the client's next check
 */
public record RunSummary(String runId, long selected, long checked, long passed, long failed, long deferred,
                         long skipped, long conflicts, long queuedSegments, long queuedClients, long urlReferences,
                         long probesMade, long warned, long suspended, long reinstated, long eventsUnsent) {

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("run_id", runId);
        json.put("selected", selected);
        json.put("checked", checked);
        json.put("passed", passed);
        json.put("failed", failed);
        json.put("deferred", deferred);
        json.put("skipped", skipped);
        json.put("conflicts", conflicts);
        json.put("queued_segments", queuedSegments);
        json.put("queued_clients", queuedClients);
        json.put("url_references", urlReferences);
        json.put("probes_made", probesMade);
        json.put("warned", warned);
        json.put("suspended", suspended);
        json.put("reinstated", reinstated);
        json.put("events_unsent", eventsUnsent);
        return json;
    }
}
