package io.incidentpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.SynthesizedApp;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The logical ids of the resources that hold data (the table, secrets, keys, the bus and its
 * archive, the queues that keep failed deliveries), pinned: a refactor that renames a construct id
 * changes a logical id, and CloudFormation then replaces the resource and leaves its data behind.
 * When a change here is intended, the README must say how a deployed stage moves (for example
 * {@code overrideLogicalId}); then update the list.
 */
class StatefulLogicalIdsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATEFUL = Set.of("AWS::DynamoDB::GlobalTable", "AWS::SecretsManager::Secret",
            "AWS::KMS::Key", "AWS::Events::EventBus", "AWS::Events::Archive", "AWS::SQS::Queue");

    private static Set<String> stateful(JsonNode template) {
        Set<String> ids = new TreeSet<>();
        template.path("Resources").fields().forEachRemaining(e -> {
            if (STATEFUL.contains(e.getValue().path("Type").asText())) {
                ids.add(e.getValue().path("Type").asText() + " " + e.getKey());
            }
        });
        return ids;
    }

    @Test
    void shouldKeepTheLogicalIdsOfTheDefaultStagesStatefulResources() {
        Set<String> ids = stateful(SynthesizedApp.synthesize(Map.of()).templateJson());

        assertThat(ids).as("stateful resources of IncidentPipeline-dev-us-east-1 (a changed id replaces the resource)")
                .containsExactlyInAnyOrder(PINNED_APP);
    }

    @Test
    void shouldKeepTheLogicalIdsOfTheLibrarysStatefulResources() {
        JsonNode template = library("Incidents", IncidentPipelineProps.builder().disposable(true));

        assertThat(stateful(template)).as("stateful resources of an IncidentPipeline in a consumer's stack (a changed id"
                + " replaces the resource)").containsExactlyInAnyOrder(PINNED_LIBRARY);
        // disposable(true): a consumer's destroy removes every one of them, the topic key included.
        template.path("Resources").fields().forEachRemaining(e -> assertThat(e.getValue().path("DeletionPolicy")
                .asText("Delete")).as(e.getKey()).isEqualTo("Delete"));
    }

    @Test
    void shouldGiveALibraryPipelineTheAppsIdsForItsTableSecretsBusAndArchive() {
        // The app's default stage, composed by hand: the pipeline the app builds from cdk.json.
        JsonNode template = library("Pipeline", IncidentPipelineProps.builder().disposable(true).examplePlaybook(true)
                .topicEncryption(io.incidentpipeline.notify.TopicEncryption.none("as the app's sandbox")));

        assertThat(stateful(template)).containsAll(Set.of(PINNED_APP).stream()
                .filter(id -> !id.contains("CostAlert") && !id.contains("CostGuardrails")).toList());
    }

    @Test
    void shouldKeepTheIdsOfReleasesUpTo010WithLegacyLogicalIds() {
        // A consumer who deployed IncidentPipeline(stack, "Incidents") with 0.1.0 upgrades: the table, the
        // secrets and the key keep their ids, so CloudFormation updates them in place.
        JsonNode template = library("Incidents", IncidentPipelineProps.builder().disposable(true).legacyLogicalIds(true));

        assertThat(stateful(template)).contains("AWS::DynamoDB::GlobalTable IncidentsStoreD5F92460",
                "AWS::SecretsManager::Secret IncidentsIngestSecretgeneric41EF8D69",
                "AWS::SecretsManager::Secret IncidentsOperatorApiCursorSecret29A17828",
                "AWS::KMS::Key IncidentsTopicKey59F21A65", "AWS::Events::EventBus IncidentsBus363B3325",
                "AWS::Events::Archive IncidentsBusArchive735EA00E");
    }

    private static JsonNode library(String id, IncidentPipelineProps.Builder props) {
        Stack stack = new Stack(new App(), "Consumer");
        new IncidentPipeline(stack, id, props.build());
        return JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    private static final String[] PINNED_APP = {
        "AWS::DynamoDB::GlobalTable StoreC1F82936",
        "AWS::Events::Archive PipelineBusArchive40D29345",
        "AWS::Events::EventBus PipelineBusD0827E79",
        "AWS::SQS::Queue CostAlertIngestFailureQueue362C7D76",
        "AWS::SQS::Queue CostGuardrailsSubscriptionDeadLetterQueueCD15C37D",
        "AWS::SQS::Queue PipelineExamplePlaybookFailureQueueEA6E10E3",
        "AWS::SQS::Queue PipelineNotificationsPlaybookFailedRuleDeadLetterQueueBCAD4309",
        "AWS::SQS::Queue PipelineNotificationsRoutineRuleDeadLetterQueue42875D66",
        "AWS::SQS::Queue PipelineNotificationsUrgentRuleDeadLetterQueueF07973A9",
        "AWS::SQS::Queue PipelinePublisherDeadLetterQueueFE7D09FB",
        "AWS::SQS::Queue PipelineSweeperFailureQueueD8FC3A74",
        "AWS::SQS::Queue PipelineUrgentOpenedDeadLetterQueue4CBFBF5C",
        "AWS::SecretsManager::Secret CursorSecret7D9F6D57",
        "AWS::SecretsManager::Secret Secretgeneric8E4823F9",
    };
    /**
     * The table, secrets and key have the app's ids wherever the pipeline sits (they are named as its
     * scope's children); the bus, archive and queues carry the pipeline's id. Up to 0.1.0 the table was
     * {@code IncidentsStoreD5F92460}: {@code legacyLogicalIds(true)} keeps that (see the test above).
     */
    private static final String[] PINNED_LIBRARY = {
        "AWS::DynamoDB::GlobalTable StoreC1F82936",
        "AWS::Events::Archive IncidentsBusArchive735EA00E",
        "AWS::Events::EventBus IncidentsBus363B3325",
        "AWS::KMS::Key TopicKeyB2E0C9CB",
        "AWS::SQS::Queue IncidentsExamplePlaybookFailureQueueEB9CE800",
        "AWS::SQS::Queue IncidentsNotificationsPlaybookFailedRuleDeadLetterQueueAB4BC7BB",
        "AWS::SQS::Queue IncidentsNotificationsRoutineRuleDeadLetterQueueBFFD8447",
        "AWS::SQS::Queue IncidentsNotificationsUrgentRuleDeadLetterQueueD99FD036",
        "AWS::SQS::Queue IncidentsPublisherDeadLetterQueue93594AFA",
        "AWS::SQS::Queue IncidentsSweeperFailureQueueA27879FA",
        "AWS::SQS::Queue IncidentsUrgentOpenedDeadLetterQueue5F196776",
        "AWS::SecretsManager::Secret CursorSecret7D9F6D57",
        "AWS::SecretsManager::Secret Secretgeneric8E4823F9",
    };
}
