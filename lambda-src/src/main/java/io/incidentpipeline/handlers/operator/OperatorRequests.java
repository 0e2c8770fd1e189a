package io.incidentpipeline.handlers.operator;

import static io.incidentpipeline.handlers.http.JsonRequests.bodyBytes;
import static io.incidentpipeline.handlers.http.JsonRequests.headers;
import static io.incidentpipeline.handlers.http.JsonRequests.parseObject;
import static io.incidentpipeline.handlers.http.JsonRequests.requireJson;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.incidentpipeline.handlers.http.HttpError;
import io.incidentpipeline.handlers.store.IncidentIds;
import io.incidentpipeline.handlers.store.IncidentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads and validates the operator API's requests; every problem is a 4xx that names the fix. */
final class OperatorRequests {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final int MAX_NOTE_CHARS = 1024;
    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "service", "limit", "cursor");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,3}");

    private final PageCursors cursors;

    OperatorRequests(PageCursors cursors) {
        this.cursors = cursors;
    }

    PageCursors cursors() {
        return cursors;
    }

    /**
     * A listing request.
     *
     * @param status   the status listed
     * @param service  only this service's incidents, if given
     * @param limit    the page size
     * @param startKey where the page starts (empty: the first page)
     * @param binding  what a cursor of this listing is bound to
     */
    record Listing(IncidentStatus status, Optional<String> service, int limit, Map<String, AttributeValue> startKey,
            String binding) {
    }

    /**
     * @return the IAM principal that signed the request
     * @throws HttpError 403 when API Gateway passed no IAM identity: the method is not IAM-authorized
     */
    String caller(APIGatewayProxyRequestEvent request) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = request.getRequestContext();
        String arn = context == null || context.getIdentity() == null ? null : context.getIdentity().getUserArn();
        if (arn == null || arn.isBlank()) {
            throw new HttpError(403, "forbidden", "The request carries no IAM identity. The operator API answers"
                    + " only SigV4-signed requests through an IAM-authorized API Gateway method.");
        }
        return arn;
    }

    Listing listing(APIGatewayProxyRequestEvent request) {
        Map<String, String> parameters = new TreeMap<>(request.getQueryStringParameters() == null
                ? Map.of() : request.getQueryStringParameters());
        for (String name : parameters.keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw invalidParameter("Unknown query parameter '" + shorten(name) + "'; GET /incidents takes status,"
                        + " service, limit and cursor.");
            }
        }
        String statusValue = parameters.get("status");
        IncidentStatus status = statusValue == null ? IncidentStatus.OPEN : IncidentStatus.parse(statusValue)
                .orElseThrow(() -> invalidParameter("status is '" + shorten(statusValue) + "'; use OPEN (the default),"
                        + " ACKNOWLEDGED or RESOLVED."));
        Optional<String> service = Optional.ofNullable(parameters.get("service"));
        if (service.isPresent() && !SERVICE.matcher(service.get()).matches()) {
            throw invalidParameter("service is '" + shorten(service.get()) + "'; a service is 1-128 characters of"
                    + " letters, digits and . _ : / -, as the incident's 'service' field shows it.");
        }
        int limit = limit(parameters.get("limit"));
        String binding = "status=" + status.name() + "&service=" + service.orElse("");
        String cursor = parameters.get("cursor");
        Map<String, AttributeValue> startKey = cursor == null ? Map.of() : cursors.open(cursor, binding);
        return new Listing(status, service, limit, startKey, binding);
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int limit = LIMIT.matcher(value).matches() ? Integer.parseInt(value) : 0;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalidParameter("limit is '" + shorten(value) + "'; use a whole number from 1 to " + MAX_LIMIT
                    + " (default " + DEFAULT_LIMIT + ").");
        }
        return limit;
    }

    String incidentId(String value) {
        if (!IncidentIds.isWellFormed(value)) {
            throw invalidParameter("'" + shorten(String.valueOf(value)) + "' is not an incident id; ids look like"
                    + " inc_01JD5Z8Y6Q3T0R7W2X9V4N1M8K (inc_ and 26 characters), as alerts' answers and events carry them.");
        }
        return value;
    }

    /** @return the optional {@code note} of a transition's body; no body is no note */
    Optional<String> note(APIGatewayProxyRequestEvent request) {
        if (request.getBody() == null || request.getBody().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> headers = headers(request);
        requireJson(headers);
        byte[] body = bodyBytes(request);
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "payload_too_large", "The body is " + body.length + " bytes; the limit is "
                    + MAX_BODY_BYTES + ". Send {\"note\": \"...\"} with a note of at most " + MAX_NOTE_CHARS
                    + " characters.");
        }
        Object note = parseObject(body).get("note");
        if (note == null) {
            return Optional.empty();
        }
        if (!(note instanceof String text) || text.isBlank() || text.length() > MAX_NOTE_CHARS
                || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new HttpError(400, "invalid_field", "'note' must be a string of 1-" + MAX_NOTE_CHARS
                    + " characters without control characters other than line breaks and tabs.");
        }
        return Optional.of(text);
    }

    /** The window of {@code GET /incidents/stats} when {@code since} is left out. */
    static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(7);
    /** The longest window {@code GET /incidents/stats} answers. */
    static final Duration MAX_STATS_WINDOW = Duration.ofDays(90);
    private static final Set<String> STATS_PARAMETERS = Set.of("service", "since");
    private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,4})([hd])");

    /**
     * A statistics request.
     *
     * @param service only this service's incidents, if given
     * @param since   the window's start
     */
    record StatsWindow(Optional<String> service, Instant since) {
    }

    StatsWindow stats(APIGatewayProxyRequestEvent request, Instant now) {
        Map<String, String> parameters = new TreeMap<>(request.getQueryStringParameters() == null
                ? Map.of() : request.getQueryStringParameters());
        for (String name : parameters.keySet()) {
            if (!STATS_PARAMETERS.contains(name)) {
                throw invalidParameter("Unknown query parameter '" + shorten(name) + "'; GET /incidents/stats takes"
                        + " service and since.");
            }
        }
        Optional<String> service = Optional.ofNullable(parameters.get("service"));
        if (service.isPresent() && !SERVICE.matcher(service.get()).matches()) {
            throw invalidParameter("service is '" + shorten(service.get()) + "'; a service is 1-128 characters of"
                    + " letters, digits and . _ : / -, as the incident's 'service' field shows it.");
        }
        String value = parameters.get("since");
        Matcher relative = RELATIVE.matcher(value == null ? "" : value);
        Instant since;
        if (value == null) {
            since = now.minus(DEFAULT_STATS_WINDOW);
        } else if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            since = now.minus("d".equals(relative.group(2)) ? Duration.ofDays(amount) : Duration.ofHours(amount));
        } else {
            try {
                since = Instant.parse(value);
            } catch (RuntimeException e) {
                throw invalidParameter("since is '" + shorten(value) + "'; use an ISO-8601 UTC time such as"
                        + " 2026-11-25T00:00:00Z, or a window such as 24h or 7d (default 7d).");
            }
        }
        if (since.isAfter(now) || since.isBefore(now.minus(MAX_STATS_WINDOW))) {
            throw invalidParameter("since is '" + shorten(value) + "'; the window starts in the last "
                    + MAX_STATS_WINDOW.toDays() + " days and not in the future.");
        }
        return new StatsWindow(service, since);
    }

    /** @return the silence id of a path */
    String silenceId(String value) {
        if (!IncidentIds.isSilenceId(value)) {
            throw invalidParameter("'" + shorten(String.valueOf(value)) + "' is not the id of a silence made through"
                    + " this API; ids look like sil_01JD5Z8Y6Q3T0R7W2X9V4N1M8K, as POST /silences and GET /silences"
                    + " show them (a window declared in cdk.json is removed there).");
        }
        return value;
    }

    /**
     * @return the fields of a {@code POST /silences} body
     * @throws HttpError 415, 413 or 400 for a body that is not a JSON object of acceptable size
     */
    Map<String, Object> silenceBody(APIGatewayProxyRequestEvent request) {
        requireJson(headers(request));
        byte[] body = bodyBytes(request);
        if (body.length == 0) {
            throw new HttpError(400, "invalid_field", "matcher: the body is empty; send the silence as JSON, e.g."
                    + " {\"matcher\": {\"service\": \"orders-db\"}, \"endsAt\": \"2026-12-02T18:00:00Z\","
                    + " \"comment\": \"CHG-1234 database migration\"}.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpError(413, "payload_too_large", "The body is " + body.length + " bytes; the limit is "
                    + MAX_BODY_BYTES + ".");
        }
        return parseObject(body);
    }

    private static HttpError invalidParameter(String message) {
        return new HttpError(400, "invalid_parameter", message);
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }
}
