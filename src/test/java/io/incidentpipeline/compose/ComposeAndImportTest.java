package io.incidentpipeline.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.ingest.TopicAlertIngest;
import io.incidentpipeline.ingest.TopicAlertIngestProps;
import io.incidentpipeline.routing.IIncidentBus;
import io.incidentpipeline.routing.IncidentBus;
import io.incidentpipeline.routing.IncidentPublisher;
import io.incidentpipeline.routing.IncidentPublisherProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreAttributes;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;

/**
 * The library used in parts and across apps: a platform stack owns the table (with its own key) and
 * the bus; a team's pipeline brings them in; another app imports the table by name and ARN and gets
 * the same grants, the key's included. One synth for the class.
 */
class ComposeAndImportTest {
    private static final String PAGING_ARN = "arn:aws:sns:us-east-1:123456789012:platform-paging";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final StackProps ENV = StackProps.builder()
            .env(Environment.builder().account("123456789012").region("us-east-1").build()).build();
    private static Template platform;
    private static Template team;
    private static Template otherApp;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        Stack platformStack = new Stack(app, "Platform", ENV);
        Key tableKey = Key.Builder.create(platformStack, "TableKey").enableKeyRotation(true).build();
        IncidentStore store = new IncidentStore(platformStack, "Store", IncidentStoreProps.builder()
                .encryption(TableEncryptionV2.customerManagedKey(tableKey)).build());
        // The team's stack: its own bus beside the pipeline (a bus's policy names the roles it lets publish, so
        // it lives with them), the platform's table, no example playbook, no operator API.
        Stack teamStack = new Stack(app, "Team", ENV);
        IncidentBus bus = new IncidentBus(teamStack, "Bus");
        IncidentPipeline pipeline = new IncidentPipeline(teamStack, "Incidents", IncidentPipelineProps.builder()
                .store(store).bus(bus).operatorApi(false).throttlingRateLimit(20).throttlingBurstLimit(40)
                .ingestMemorySize(1024)
                .urgentTopic(Topic.fromTopicArn(teamStack, "Paging", PAGING_ARN))
                .build());
        assertThat(pipeline.getNotifications().getUrgent()).as("no urgent topic created").isEmpty();
        assertThat(pipeline.getNotifications().getRoutine()).as("the routine topic still created").isPresent();
        assertThat(pipeline.getPlaybook()).as("example playbook off outside sandboxes").isEmpty();
        assertThat(pipeline.getOperatorApi()).isEmpty();
        assertThat(pipeline.getStore()).isSameAs(store);

        // Another app: the table by name (with its key) and the bus by name.
        Stack other = new Stack(new App(), "Reports", ENV);
        IIncidentStore imported = IncidentStore.fromStoreAttributes(other, "Incidents", IncidentStoreAttributes.builder()
                .tableName("incident-pipeline-prod-incidents")
                .encryptionKey(Key.fromKeyArn(other, "TableKey", KEY_ARN)).build());
        IIncidentBus importedBus = IncidentBus.fromEventBusName(other, "IncidentBus", "platform-incidents");
        Role reader = Role.Builder.create(other, "Reader").assumedBy(new AccountRootPrincipal()).build();
        imported.grantQuery(reader, IncidentStore.STATUS_INDEX);
        importedBus.grantPutEvents(reader);
        new TopicAlertIngest(other, "Alerts", TopicAlertIngestProps.builder().store(imported).build());

        platform = Template.fromStack(platformStack);
        team = Template.fromStack(teamStack);
        otherApp = Template.fromStack(other);
    }

    @Test
    void shouldUseTheBroughtTableAndBusWithoutCreatingItsOwn() {
        team.resourceCountIs("AWS::DynamoDB::GlobalTable", 0);
        team.resourceCountIs("AWS::Events::EventBus", 1); // the team's own, beside the pipeline
        team.resourceCountIs("AWS::Events::Archive", 1);
        team.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("EventSourceArn", Match.anyValue()));
        team.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of("MethodSettings",
                Match.arrayWith(List.of(Match.objectLike(Map.of("ThrottlingRateLimit", 20, "ThrottlingBurstLimit", 40)))))));
        team.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("MemorySize", 1024)));
        team.hasResourceProperties("AWS::Events::EventBusPolicy", Match.objectLike(Map.of("Statement",
                Match.objectLike(Map.of("Effect", "Deny")))));
        platform.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
    }

    @Test
    void shouldGrantTheImportedTablesKeyLikeAnOwnedOnes() {
        otherApp.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action", "kms:Decrypt", "Resource", KEY_ARN)));
        otherApp.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action", "dynamodb:Query")));
        // The intake writes: encrypt and data keys too.
        otherApp.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action",
                Match.arrayWith(List.of("kms:Encrypt", "kms:GenerateDataKey")), "Resource", KEY_ARN)));
        otherApp.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action", "events:PutEvents")));
    }

    /** @return a matcher of a policy with a statement like {@code fields} */
    private static Object statement(Map<String, Object> fields) {
        return Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(fields)))))));
    }

    @Test
    void shouldRefuseABusPolicyThatWouldReferenceAnotherStack() {
        App app = new App();
        IncidentBus bus = new IncidentBus(new Stack(app, "BusStack", ENV), "Bus");
        Role publisher = Role.Builder.create(new Stack(app, "RoleStack", ENV), "Publisher")
                .assumedBy(new AccountRootPrincipal()).build();
        assertThatThrownBy(() -> bus.grantPutEvents(publisher)).hasMessageContaining("a cycle")
                .hasMessageContaining("publisherRoleArns");
    }

    @Test
    void shouldRefuseAPublisherOnATableImportedWithoutItsStream() {
        Stack stack = new Stack(new App(), "NoStream");
        IIncidentStore byName = IncidentStore.fromTableName(stack, "Store", "incidents");
        assertThatThrownBy(() -> new IncidentPublisher(stack, "Publisher", IncidentPublisherProps.builder()
                .store(byName).bus(IncidentBus.fromEventBusName(stack, "Bus", "b").getEventBus()).build()))
                .hasMessageContaining("IncidentStoreAttributes.tableStreamArn");
        assertThatThrownBy(() -> IncidentStoreAttributes.builder().build()).hasMessageContaining("tableName and tableArn");
    }

    @Test
    void shouldNameThePropertyTheUserSetInEveryError() {
        assertThatThrownBy(() -> IncidentPipelineProps.builder().alertSources(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IncidentPipelineProps.alertSources");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().alertSources(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IncidentPipelineProps.alertSources");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().notifyEmails(List.of("oncall")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IncidentPipelineProps.notifyEmails");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().notifyEmails(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IncidentPipelineProps.notifyEmails");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().throttlingRateLimit(0))
                .hasMessageContaining("IncidentPipelineProps.throttlingRateLimit");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().storeProps(IncidentStoreProps.builder().build())
                .store(IncidentStore.fromTableName(new Stack(), "S", "t")).build())
                .hasMessageContaining("IncidentPipelineProps.store and storeProps");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().budgetMonthlyUsd(java.math.BigDecimal.TEN).build())
                .hasMessageContaining("IncidentPipelineProps.budgetMonthlyUsd needs stageName");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().operatorApi(false)
                .cursorSecret(software.amazon.awscdk.services.secretsmanager.Secret.fromSecretNameV2(new Stack(), "C", "c"))
                .build()).hasMessageContaining("IncidentPipelineProps.operatorApi(false) and cursorSecret");
        // The parts' builders: a null names the property, as any other bad value does.
        assertThatThrownBy(() -> io.incidentpipeline.notify.NotificationTopicProps.builder().emails(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NotificationTopicProps.emails");
        assertThatThrownBy(() -> IncidentStoreProps.builder().replicaRegions(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IncidentStoreProps.replicaRegions");
        Stack stack = new Stack();
        assertThatThrownBy(() -> new IncidentPipeline(stack, "P", null)).hasMessageContaining("props must not be null");
        new IncidentPipeline(stack, "First");
        assertThatThrownBy(() -> new IncidentPipeline(stack, "Second"))
                .hasMessageContaining("already holds IncidentPipeline 'First'");
    }

    @Test
    void broughtUrgentTopicReceivesTheUrgentAndFailedPlaybookRulesAndNoTopicIsCreatedForIt() {
        assertThat(team.findResources("AWS::SNS::Topic", Map.of("Properties", Map.of("DisplayName", "Urgent incidents"))))
                .isEmpty();
        assertThat(team.findResources("AWS::SNS::Topic", Map.of("Properties", Map.of("DisplayName", "Routine incidents"))))
                .hasSize(1);
        // The urgent rule (critical, high) and the failed-playbook rule target the platform's topic.
        Map<String, Map<String, Object>> toPaging = team.findResources("AWS::Events::Rule", Map.of("Properties",
                Map.of("Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("Arn", PAGING_ARN)))))));
        assertThat(toPaging).hasSize(2);
        assertThat(toPaging.values().toString()).contains("CRITICAL", "HIGH", "Playbook Failed").doesNotContain("MEDIUM");
    }

    @Test
    void emailsForATopicTheConstructDoesNotCreateAreRefused() {
        assertThatThrownBy(() -> io.incidentpipeline.notify.SeverityNotificationsProps.builder()
                .bus(software.amazon.awscdk.services.events.EventBus.fromEventBusName(new Stack(), "B", "b"))
                .urgentTopic(Topic.fromTopicArn(new Stack(), "T", PAGING_ARN))
                .urgentEmails(List.of("oncall@example.com")).build())
                .hasMessageContaining("SeverityNotificationsProps.urgentEmails")
                .hasMessageContaining("subscribe them on your topic");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().urgentTopic(null))
                .hasMessageContaining("IncidentPipelineProps.urgentTopic");
    }
}
