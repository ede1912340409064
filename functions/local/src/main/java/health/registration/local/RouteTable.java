package health.registration.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of the template, chosen as a REST API chooses: first the resource, the most specific path template
 * that matches; then a method of that resource, a declared one before {@code ANY}. A method missing on the chosen
 * resource is not looked for on less specific ones.
 */
public final class RouteTable {

    /** A route chosen for a request, with the values of its path variables. */
    public record Match(Route route, Map<String, String> pathParameters) {}

    private static final Comparator<Route> PRECEDENCE = Comparator
            .comparing(Route::path, PathTemplate.MOST_SPECIFIC_FIRST)
            .thenComparing(route -> route.method().equals(Route.ANY_METHOD));

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        List<Route> ordered = new ArrayList<>(routes);
        ordered.sort(PRECEDENCE);
        this.routes = List.copyOf(ordered);
    }

    /** The route for a request; empty is API Gateway's MISSING_AUTHENTICATION_TOKEN (see {@link GatewayResponses}). */
    public Optional<Match> find(String method, String path) {
        for (Route resource : routes) {
            Optional<Map<String, String>> parameters = resource.path().match(path);
            if (parameters.isPresent()) {
                return routes.stream()
                        .filter(route -> route.path().equals(resource.path()) && route.match(method, path).isPresent())
                        .findFirst()
                        .map(route -> new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** The routes, most specific first. */
    public List<Route> routes() {
        return routes;
    }
}
