package io.incidentpipeline.handlers.escalation;

import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.DueWork;
import io.incidentpipeline.handlers.store.Incident;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An incident's escalation: the item {@code INC#<incidentId>/ESCALATION}, due work of the kind
 * {@link DueWork#ESCALATE} at the time its next level falls due (docs/CONTRACTS.md, "Escalation").
 *
 * <p>Whoever announces an incident's opening or severity escalation (its region's publisher, or a
 * sweeper that took the announcement over) starts it here, once: the write is conditioned on an
 * older start, so a redelivered change changes nothing and a severity escalation restarts the
 * escalation at the first level of the policy its new severity calls for. The levels themselves are
 * fired by the sweepers ({@code publish.EscalationLevels}), one conditional write per level.
 */
public final class Escalations {
    /** When the current run of levels started: the opening's or the severity escalation's write. */
    public static final String SINCE = "since";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final EscalationPolicies policies;
    private final String region;

    /**
     * @param policies the pipeline's policies
     * @param region   this handler's region: it fires the levels first, other regions only after their takeover bound
     */
    public Escalations(DynamoDbClient dynamoDb, String tableName, EscalationPolicies policies, String region) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.policies = policies;
        this.region = region;
    }

    /**
     * Starts the escalation of a newly opened incident, if a policy takes it; an incident no policy
     * takes costs nothing.
     *
     * @param since when the opening was written: the first level falls due after it
     * @return the policy that escalates the incident, if any
     */
    public Optional<EscalationPolicies.Policy> start(Incident incident, Instant since) {
        Optional<EscalationPolicies.Policy> policy = policies.forIncident(incident);
        return policy.isEmpty() ? policy : write(incident, since, policy);
    }

    /**
     * Restarts the escalation of an incident whose severity rose, at the first level of the policy its
     * new severity calls for. When no policy takes it any more, an escalation still running stops.
     *
     * @param since when the severity escalation was written: the first level falls due after it
     * @return the policy that now escalates the incident, if any
     */
    public Optional<EscalationPolicies.Policy> restart(Incident incident, Instant since) {
        return policies.isEmpty() ? Optional.empty() : write(incident, since, policies.forIncident(incident));
    }

    private Optional<EscalationPolicies.Policy> write(Incident incident, Instant since,
            Optional<EscalationPolicies.Policy> policy) {
        Map<String, String> names = new LinkedHashMap<>(Map.of("#since", SINCE, "#at", DueWork.AT, "#kind", DueWork.KIND));
        Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":since", AttributeValue.fromS(Timestamps.format(since)),
                ":kind", AttributeValue.fromS(DueWork.ESCALATE)));
        String update;
        String condition;
        if (policy.isPresent()) {
            names.putAll(Map.of("#incidentId", "incidentId", "#fingerprint", "fingerprint", "#policy", "policy",
                    "#severity", "severity", "#level", "level", "#repeats", "repeats", "#owner", "ownerRegion",
                    "#firing", "firing", "#firingUntil", "firingUntil", "#firedAt", "firedAt"));
            values.putAll(Map.of(":incidentId", AttributeValue.fromS(incident.incidentId()),
                    ":fingerprint", AttributeValue.fromS(incident.fingerprint()),
                    ":policy", AttributeValue.fromS(policy.get().name()),
                    ":severity", AttributeValue.fromS(incident.severity().value()),
                    ":zero", AttributeValue.fromN("0"),
                    ":owner", AttributeValue.fromS(region),
                    ":at", AttributeValue.fromS(Timestamps.format(since.plus(policy.get().levels().get(0).after())))));
            update = "SET #incidentId = :incidentId, #fingerprint = :fingerprint, #policy = :policy, #since = :since,"
                    + " #severity = :severity, #level = :zero, #repeats = :zero, #owner = :owner, #kind = :kind, #at = :at"
                    + " REMOVE #firing, #firingUntil, #firedAt";
            condition = "attribute_not_exists(" + ItemKeys.PK + ") OR #since < :since";
        } else {
            values.put(":nothing", AttributeValue.fromS(DueWork.NOTHING));
            update = "SET #since = :since, #kind = :kind, #at = :nothing";
            condition = "attribute_exists(" + ItemKeys.PK + ") AND #since < :since";
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(ItemKeys.escalation(incident.incidentId()))
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException startedAlready) {
            // A redelivered change, or a later start already recorded: nothing to do.
        }
        return policy;
    }
}
