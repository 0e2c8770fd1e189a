package io.incidentpipeline.handlers.store;

import io.incidentpipeline.handlers.common.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Operators' transitions of an incident: acknowledge and resolve. Each is one conditional
 * {@code UpdateItem} of the incident's current item, on condition that it still is that incident in
 * a status the transition may leave, so a transition never resurrects a resolved incident nor
 * overwrites a concurrent one. The change reaches the timeline and the bus through the stream, as
 * an alert's does (who and why: {@code changedBy}, {@code changeNote}).
 */
public final class IncidentLifecycle {
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final IncidentQueries queries;
    private final Tallies tallies;

    /**
     * @param dynamoDb  the client
     * @param tableName the incident table
     * @param region    this handler's region, written as {@code writtenRegion}
     * @param queries   finds the incident's item by id
     */
    public IncidentLifecycle(DynamoDbClient dynamoDb, String tableName, String region, IncidentQueries queries) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.queries = queries;
        this.tallies = new Tallies(dynamoDb, tableName);
    }

    /** What a transition request came to. */
    public enum Outcome {
        /** The incident moved to the transition's status. */
        CHANGED,
        /** It already was in that status: nothing was written (a retried request is harmless). */
        UNCHANGED,
        /** Its status does not allow the transition (acknowledging a resolved incident): nothing was written. */
        CONFLICT
    }

    /**
     * @param outcome  what happened
     * @param incident the incident after the request
     */
    public record Result(Outcome outcome, Incident incident) {
    }

    /**
     * Applies a transition.
     *
     * @param incidentId the incident
     * @param transition acknowledge or resolve
     * @param actor      who asks (an IAM principal ARN), recorded as {@code acknowledgedBy}/{@code resolvedBy}
     * @param note       why, up to the caller's limit, or {@code null}
     * @param now        when
     * @return the result, or empty when there is no such incident
     * @throws IncidentConflictException when the incident changed under the request twice; retry it
     */
    public Optional<Result> apply(String incidentId, Transition transition, String actor, String note, Instant now) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Map<String, AttributeValue>> found = queries.findItem(incidentId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Incident current = Incident.fromItem(found.get());
            if (current.status() == transition.target()) {
                return Optional.of(new Result(Outcome.UNCHANGED, tallies.overlay(current)));
            }
            if (!transition.from().contains(current.status())) {
                return Optional.of(new Result(Outcome.CONFLICT, tallies.overlay(current)));
            }
            try {
                Map<String, AttributeValue> key = Map.of(ItemKeys.PK, found.get().get(ItemKeys.PK),
                        ItemKeys.SK, found.get().get(ItemKeys.SK));
                Incident changed = update(key, current, transition, actor, note, now);
                if (changed.status() == IncidentStatus.RESOLVED) {
                    // Later duplicates must find it resolved, not count on it.
                    tallies.close(changed.incidentId());
                }
                return Optional.of(new Result(Outcome.CHANGED, tallies.overlay(changed)));
            } catch (ConditionalCheckFailedException changed) {
                // An alert or another operator changed it since we read it: decide again on what it is now.
            }
        }
        throw IncidentConflictException.ofIncident(incidentId);
    }

    private Incident update(Map<String, AttributeValue> key, Incident current, Transition transition, String actor,
            String note, Instant now) {
        IncidentStatus target = transition.target();
        Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#incidentId", "incidentId",
                "#gsi1pk", "gsi1pk", "#gsi2pk", "gsi2pk", "#updatedAt", "updatedAt", "#at", transition.atAttribute(),
                "#by", transition.byAttribute(), "#changedBy", "changedBy", "#writtenRegion", "writtenRegion",
                "#changeNote", "changeNote"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":target", AttributeValue.fromS(target.name()),
                ":statusPartition", AttributeValue.fromS(target.indexPartition()),
                ":servicePartition", AttributeValue.fromS(target.serviceIndexPartition(current.service())),
                ":now", AttributeValue.fromS(Timestamps.format(now)),
                ":actor", AttributeValue.fromS(actor),
                ":region", AttributeValue.fromS(region),
                ":id", AttributeValue.fromS(current.incidentId())));
        StringBuilder from = new StringBuilder();
        for (IncidentStatus status : transition.from()) {
            from.append(from.isEmpty() ? "" : ", ").append(":from").append(status.name());
            values.put(":from" + status.name(), AttributeValue.fromS(status.name()));
        }
        String set = "SET #status = :target, #gsi1pk = :statusPartition, #gsi2pk = :servicePartition,"
                + " #updatedAt = :now, #at = :now, #by = :actor, #changedBy = :actor, #writtenRegion = :region, "
                + transition.announcement().setPending(now, names, values);
        String remove = " REMOVE " + Announcement.removeClaimMark(names);
        String expression;
        if (note == null) {
            expression = set + remove + ", #changeNote";
        } else {
            values.put(":note", AttributeValue.fromS(note));
            expression = set + ", #changeNote = :note" + remove;
        }
        return Incident.fromItem(dynamoDb.updateItem(b -> b
                .tableName(tableName)
                .key(key)
                .updateExpression(expression)
                .conditionExpression("#incidentId = :id AND #status IN (" + from + ")")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }
}
