package io.incidentpipeline.handlers.publish;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.IncidentStatus;
import io.incidentpipeline.handlers.store.Severity;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The dashboard's "currently open by severity": on each sweep, the incidents not yet resolved
 * (OPEN and ACKNOWLEDGED), counted by severity from the {@code byStatus} index (which projects the
 * severity) and recorded as {@value #OPEN_INCIDENTS} in {@link IncidentMetrics#NAMESPACE} with the
 * dimensions {@code Pipeline} and {@code Severity}. A severity with none open records nothing, so an
 * idle pipeline pays for no metric; the dashboard shows its absence as zero. At most
 * {@value #MAX_COUNTED} incidents per status are counted per sweep (more is an emergency of its own).
 */
final class OpenIncidentsGauge {
    /** The metric. */
    static final String OPEN_INCIDENTS = "OpenIncidents";
    /** The most incidents of one status a sweep counts. */
    static final int MAX_COUNTED = 1000;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String statusIndexName;

    OpenIncidentsGauge(DynamoDbClient dynamoDb, String tableName, String statusIndexName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.statusIndexName = statusIndexName;
    }

    /** Counts and records; returns the counts. */
    Map<Severity, Integer> record() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        Set<String> seen = new HashSet<>();
        for (IncidentStatus status : List.of(IncidentStatus.OPEN, IncidentStatus.ACKNOWLEDGED)) {
            Map<String, AttributeValue> start = null;
            int read = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamoDb.query(b -> b.tableName(tableName).indexName(statusIndexName)
                        .keyConditionExpression("#partition = :partition")
                        .expressionAttributeNames(Map.of("#partition", "gsi1pk", "#id", "incidentId", "#severity", "severity"))
                        .expressionAttributeValues(Map.of(":partition", AttributeValue.fromS(status.indexPartition())))
                        .projectionExpression("#id, #severity")
                        .exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    if (seen.add(item.get("incidentId").s())) {
                        Severity.fromValue(item.get("severity").s()).ifPresent(s -> counts.merge(s, 1, Integer::sum));
                    }
                }
                read += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && read < MAX_COUNTED);
        }
        counts.forEach((severity, count) -> JsonLog.infoWithMetrics("open incidents", IncidentMetrics.NAMESPACE,
                List.of(List.of(IncidentMetrics.PIPELINE, IncidentMetrics.SEVERITY)),
                List.of(new JsonLog.Metric(OPEN_INCIDENTS, count, "Count")),
                IncidentMetrics.PIPELINE, tableName, IncidentMetrics.SEVERITY, severity.value()));
        return counts;
    }
}
