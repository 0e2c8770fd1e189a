package io.incidentpipeline.handlers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.testsupport.StreamRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The mapping rules on hand-made images, for the cases the ingest path cannot produce. */
class IncidentEventMapperTest {
    private final IncidentEventMapper mapper = new IncidentEventMapper("us-east-1");

    @Test
    void shouldMapNothing_whenAnotherRegionWroteTheChange() {
        assertThat(mapper.map(StreamRecords.insert(incident("inc_A", "OPEN", "eu-west-1")))).isEmpty();
    }

    @Test
    void shouldMapNothing_whenTheIncidentItemWasRemoved() {
        assertThat(mapper.map(StreamRecords.remove(incident("inc_A", "OPEN", "us-east-1")))).isEmpty();
    }

    @Test
    void shouldMapNothing_whenTheItemIsNotACurrentIncident() {
        Map<String, AttributeValue> probe = incident("inc_A", "OPEN", "us-east-1");
        probe.put("pk", AttributeValue.fromS("HEALTH#us-east-1"));
        probe.put("sk", AttributeValue.fromS("PROBE"));

        assertThat(mapper.map(StreamRecords.insert(probe))).isEmpty();
    }

    @Test
    void shouldMapUpdated_whenTheStatusGoesBackToOpenOrTheOldImageIsMissing() {
        Map<String, AttributeValue> open = incident("inc_A", "OPEN", "us-east-1");
        Map<String, AttributeValue> acknowledged = incident("inc_A", "ACKNOWLEDGED", "us-east-1");

        assertThat(type(StreamRecords.modify(acknowledged, open))).contains(DetailType.UPDATED);
        assertThat(type(StreamRecords.modify(null, acknowledged))).contains(DetailType.UPDATED);
    }

    @Test
    void shouldMapResolved_whenAnOpenIncidentIsResolvedWithoutAcknowledgement() {
        assertThat(type(StreamRecords.modify(incident("inc_A", "OPEN", "us-east-1"),
                incident("inc_A", "RESOLVED", "us-east-1")))).contains(DetailType.RESOLVED);
    }

    @Test
    void shouldMapOpened_whenANewIncidentReplacedTheResolvedOne() {
        assertThat(type(StreamRecords.modify(incident("inc_A", "RESOLVED", "us-east-1"),
                incident("inc_B", "OPEN", "us-east-1")))).contains(DetailType.OPENED);
    }

    @Test
    void shouldNameTheAttribute_whenAnIncidentImageIsMalformed() {
        Map<String, AttributeValue> broken = incident("inc_A", "OPEN", "us-east-1");
        broken.remove("openedAt");

        assertThatThrownBy(() -> mapper.map(StreamRecords.insert(broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openedAt");
    }

    private Optional<DetailType> type(com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord record) {
        return mapper.map(record).map(IncidentEvent::detailType);
    }

    private static Map<String, AttributeValue> incident(String incidentId, String status, String region) {
        String fingerprint = "a".repeat(64);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("FP#" + fingerprint));
        item.put("sk", AttributeValue.fromS("INCIDENT"));
        item.put("incidentId", AttributeValue.fromS(incidentId));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put("source", AttributeValue.fromS("generic"));
        item.put("severity", AttributeValue.fromS("high"));
        item.put("title", AttributeValue.fromS("Queue backlog"));
        item.put("service", AttributeValue.fromS("unknown"));
        item.put("category", AttributeValue.fromS("other"));
        item.put("status", AttributeValue.fromS(status));
        item.put("occurrences", AttributeValue.fromN("3"));
        item.put("openedAt", AttributeValue.fromS("2026-11-25T06:00:00.000Z"));
        item.put("lastSeenAt", AttributeValue.fromS("2026-11-25T06:01:00.000Z"));
        item.put("updatedAt", AttributeValue.fromS("2026-11-25T06:02:00.000Z"));
        item.put("writtenRegion", AttributeValue.fromS(region));
        item.put("gsi1pk", AttributeValue.fromS("STATUS#" + status));
        item.put("gsi1sk", AttributeValue.fromS("2026-11-25T06:00:00.000Z#" + incidentId));
        return item;
    }
}
