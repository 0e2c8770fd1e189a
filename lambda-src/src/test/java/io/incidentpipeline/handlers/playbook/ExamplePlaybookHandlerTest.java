package io.incidentpipeline.handlers.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.handlers.store.ItemKeys;
import io.incidentpipeline.handlers.testsupport.Dynalite;
import io.incidentpipeline.handlers.testsupport.DynaliteExtension;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import io.incidentpipeline.handlers.testsupport.IncidentItems;
import io.incidentpipeline.handlers.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(DynaliteExtension.class)
class ExamplePlaybookHandlerTest {
    private static final String INCIDENT_ID = "inc_01M88MM7R0KRYSWZG60SPZEQ0A";

    private Dynalite dynalite;
    private String table;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:01Z"));
    private ExamplePlaybookHandler handler;

    @BeforeEach
    void setUp(Dynalite dynalite) {
        this.dynalite = dynalite;
        table = dynalite.createIncidentTable();
        handler = new ExamplePlaybookHandler(new PlaybookRuns(dynalite.client(), table, "block-public-bucket"),
                new PlaybookIncidents(dynalite.client(), table), clock);
        IncidentItems.putFromEvent(dynalite.client(), table, Fixtures.object("eventbridge-incident-opened.json"));
    }

    @Test
    void shouldWriteTheRunRecord_whenTheEventArrivesForTheFirstTime() {
        handler.handleRequest(Fixtures.object("eventbridge-incident-opened.json"), null);

        Map<String, AttributeValue> run = dynalite.item(table, ItemKeys.playbookRun(INCIDENT_ID, "block-public-bucket"));
        assertThat(run).containsEntry("pk", AttributeValue.fromS("INC#" + INCIDENT_ID))
                .containsEntry("sk", AttributeValue.fromS("PLAYBOOK#block-public-bucket"))
                .containsEntry("incidentId", AttributeValue.fromS(INCIDENT_ID))
                .containsEntry("playbook", AttributeValue.fromS("block-public-bucket"))
                .containsEntry("eventId", AttributeValue.fromS("6a7e8feb-b491-4cf7-a9f1-bf3703467718"))
                .containsEntry("detailType", AttributeValue.fromS("Incident Opened"))
                .containsEntry("startedAt", AttributeValue.fromS("2026-11-25T06:00:01.000Z"))
                .containsEntry("writtenRegion", AttributeValue.fromS("us-east-1"));
    }

    @Test
    void shouldWriteNothingNewAndNotFail_whenTheSameEventIsRedelivered() {
        Map<String, Object> event = Fixtures.object("eventbridge-incident-opened.json");
        handler.handleRequest(event, null);
        Map<String, AttributeValue> first = dynalite.item(table, ItemKeys.playbookRun(INCIDENT_ID, "block-public-bucket"));
        clock.advance(Duration.ofMinutes(1));

        handler.handleRequest(event, null);

        assertThat(dynalite.item(table, ItemKeys.playbookRun(INCIDENT_ID, "block-public-bucket"))).isEqualTo(first);
        assertThat(dynalite.itemCount(table)).isEqualTo(2); // the incident and the run record
    }

    @Test
    void shouldFailNamingTheField_whenTheEventCarriesNoIncidentId() {
        Map<String, Object> event = new HashMap<>(Fixtures.object("eventbridge-incident-opened.json"));
        event.put("detail", Map.of("title", "no id"));

        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail.incidentId");
        assertThat(dynalite.itemCount(table)).isEqualTo(1); // the incident alone
    }
}
