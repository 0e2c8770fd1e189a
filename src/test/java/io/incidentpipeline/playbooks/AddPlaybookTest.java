package io.incidentpipeline.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.event.ruler.Machine;

/**
 * {@code addPlaybook} on the setups users have: one function behind several playbooks, a function
 * with asynchronous settings of its own, an alias, an imported function; the environment the
 * playbook SDK reads; and patterns with alternatives, run through Event Ruler as deployed.
 */
class AddPlaybookTest {
    private static final String IMPORTED_ARN = "arn:aws:lambda:us-east-1:123456789012:function:restart-checkout";
    private static final String IMPORTED_ROLE_ARN = "arn:aws:iam::123456789012:role/restart-checkout";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template;
    private static Annotations annotations;
    private static JsonNode resources;
    private static Playbook first;
    private static Playbook second;
    private static Playbook ownSettings;
    private static Playbook withoutDestination;
    private static Playbook imported;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Users");
        IncidentPipeline pipeline = new IncidentPipeline(stack, "Pipeline", IncidentPipelineProps.builder().build());

        Function shared = function(stack, "Shared");
        first = pipeline.addPlaybook("PaymentsOrCheckout", PlaybookProps.builder()
                .pattern(IncidentPattern.anyOf(
                        IncidentPattern.builder().detailTypes(DetailType.OPENED).services("payments")
                                .severities(Severity.HIGH).build(),
                        IncidentPattern.builder().detailTypes(DetailType.OPENED).services("checkout")
                                .severities(Severity.CRITICAL).build()))
                .handler(shared)
                .build());
        second = pipeline.addPlaybook("Escalations", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().detailTypes(DetailType.ESCALATED).build())
                .handler(shared)
                .build());

        Queue ownFailures = Queue.Builder.create(stack, "OwnFailures").enforceSsl(true).build();
        Function withSettings = Function.Builder.create(stack, "WithSettings")
                .runtime(Runtime.PYTHON_3_14).handler("index.handler").code(Code.fromInline("def handler(e, c): pass"))
                .retryAttempts(0).onFailure(new SqsDestination(ownFailures))
                .build();
        ownSettings = pipeline.addPlaybook("OwnSettings", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().services("orders").build()).handler(withSettings).build());

        Function retriesOnly = Function.Builder.create(stack, "RetriesOnly")
                .runtime(Runtime.PYTHON_3_14).handler("index.handler").code(Code.fromInline("def handler(e, c): pass"))
                .retryAttempts(1)
                .build();
        withoutDestination = pipeline.addPlaybook("RetriesOnly", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().services("ledger").build()).handler(retriesOnly).build());

        Function aliased = function(stack, "Aliased");
        pipeline.addPlaybook("Aliased", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().services("search").build())
                .handler(Alias.Builder.create(stack, "Live").aliasName("live").version(aliased.getCurrentVersion()).build())
                .dryRun(true)
                .build());

        IFunction importedFunction = Function.fromFunctionAttributes(stack, "Imported", FunctionAttributes.builder()
                .functionArn(IMPORTED_ARN)
                .role(Role.fromRoleArn(stack, "ImportedRole", IMPORTED_ROLE_ARN))
                .sameEnvironment(true)
                .build());
        imported = pipeline.addPlaybook("Imported", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().services("inventory").build())
                .handler(importedFunction)
                .playbookName("restart-inventory")
                .build());

        template = Template.fromStack(stack);
        annotations = Annotations.fromStack(stack);
        resources = JSON.valueToTree(template.toJSON()).path("Resources");
    }

    private static Function function(Stack stack, String id) {
        return Function.Builder.create(stack, id)
                .runtime(Runtime.PYTHON_3_14).handler("index.handler")
                .code(Code.fromInline("def handler(event, context):\n    pass\n"))
                .build();
    }

    private static Map<String, Object> environmentOf(String functionId) {
        Capture environment = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Role", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^" + functionId + "ServiceRole"), "Arn")),
                "Environment", Map.of("Variables", environment))));
        return environment.asObject();
    }

    @Test
    void shouldTellTheFunctionTheTableItsNameAndMode_soTheSdkNeedsNothingElse() {
        Map<String, Object> environment = environmentOf("Shared");
        assertThat(environment).containsOnlyKeys("TABLE_NAME", "PLAYBOOK_NAME", "DRY_RUN", "MAX_RUN_ATTEMPTS")
                .containsEntry("PLAYBOOK_NAME", "PaymentsOrCheckout")
                .containsEntry("DRY_RUN", "false")
                .containsEntry("MAX_RUN_ATTEMPTS", "2");
        assertThat(JSON.valueToTree(environment.get("TABLE_NAME")).path("Ref").asText())
                .satisfies(table -> assertThat(resources.path(table).path("Type").asText())
                        .isEqualTo("AWS::DynamoDB::GlobalTable"));
        assertThat(first.getEnvironment()).containsEntry("PLAYBOOK_NAME", "PaymentsOrCheckout");
    }

    @Test
    void shouldRunOneFunctionBehindTwoPlaybooks_withOneNameOneAsyncConfigAndOneFailureQueue() {
        assertThat(second.getPlaybookName()).isEqualTo("PaymentsOrCheckout");
        assertThat(second.getFailureQueue()).isSameAs(first.getFailureQueue()).isNotNull();
        template.resourcePropertiesCountIs("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^Shared")))), 1);
        template.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of(
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^Shared"), "Arn"))))))), 2);
    }

    @Test
    void shouldKeepAFunctionsOwnAsyncSettings_andWarnWhenTheyDropFailedRuns() {
        assertThat(ownSettings.getFailureQueue()).isNull();
        template.resourcePropertiesCountIs("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^WithSettings")))), 1);
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^WithSettings")),
                "MaximumRetryAttempts", 0,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OwnFailures"), "Arn")))))));
        assertThat(withoutDestination.getFailureQueue()).isNull();
        annotations.hasWarning("/Users/Pipeline/RetriesOnly",
                Match.stringLikeRegexp("RetriesOnly has asynchronous settings of its own without an on-failure destination"));
        assertThat(annotations.findWarning("/Users/Pipeline/OwnSettings", Match.anyValue()))
                .extracting(message -> message.getEntry().getData()).isEmpty();
    }

    @Test
    void shouldSetTheEnvironmentOnTheFunctionBehindAnAlias_andTheAsyncConfigOnTheAlias() {
        assertThat(environmentOf("Aliased")).containsEntry("PLAYBOOK_NAME", "Aliased").containsEntry("DRY_RUN", "true");
        // The alias's own configuration (its qualifier resolves from the alias ARN), not the function's.
        assertThat(template.findResources("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("FunctionName", Map.of("Ref", Match.stringLikeRegexp("^Aliased"))))))))
                .hasSize(1).allSatisfy((id, config) -> assertThat(id).startsWith("LiveEventInvokeConfig"));
    }

    @Test
    void shouldWireAnImportedFunction_grantingItsRole_andSayWhatItsOwnerSets() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Targets", List.of(Match.objectLike(Map.of("Arn", IMPORTED_ARN))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "FunctionName", IMPORTED_ARN, "Principal", "events.amazonaws.com")));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", "restart-checkout",
                "DestinationConfig", Map.of("OnFailure", Match.anyValue()))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of("restart-checkout"),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("INC#*"))))))))))));
        assertThat(imported.getEnvironment()).containsEntry("PLAYBOOK_NAME", "restart-inventory")
                .containsEntry("DRY_RUN", "false").containsKey("TABLE_NAME");
    }

    @Test
    void shouldRouteEitherAlternative_andNothingElse_throughEventRuler() throws Exception {
        Machine machine = new Machine();
        resources.fields().forEachRemaining(entry -> {
            JsonNode properties = entry.getValue().path("Properties");
            if (entry.getKey().startsWith("PipelinePaymentsOrCheckoutRule")
                    && "AWS::Events::Rule".equals(entry.getValue().path("Type").asText())) {
                try {
                    machine.addRule("paymentsOrCheckout", properties.path("EventPattern").toString());
                } catch (Exception e) {
                    throw new IllegalStateException("Event Ruler rejects " + properties.path("EventPattern"), e);
                }
            }
        });
        assertThat(machine.isEmpty()).as("the anyOf rule is in the template").isFalse();
        assertThat(machine.rulesForJSONEvent(event("Incident Opened", "payments", "high"))).hasSize(1);
        assertThat(machine.rulesForJSONEvent(event("Incident Opened", "checkout", "critical"))).hasSize(1);
        assertThat(machine.rulesForJSONEvent(event("Incident Opened", "payments", "critical"))).isEmpty();
        assertThat(machine.rulesForJSONEvent(event("Incident Opened", "checkout", "high"))).isEmpty();
        assertThat(machine.rulesForJSONEvent(event("Incident Updated", "payments", "high"))).isEmpty();
        // Silences: an anyOf skips them like any pattern; a playbook's runs where the silence lets playbooks run.
        assertThat(machine.rulesForJSONEvent(silenced(event("Incident Opened", "payments", "high"), false))).isEmpty();
        assertThat(machine.rulesForJSONEvent(silenced(event("Incident Opened", "checkout", "critical"), true))).hasSize(1);
        assertThat(machine.rulesForJSONEvent(silenced(event("Incident Opened", "checkout", "high"), true))).isEmpty();
        assertThat(machine.rulesForJSONEvent(event("Incident Unsilenced", "payments", "high")))
                .as("an opening announced when its silence ended").hasSize(1);
    }

    private static String silenced(String event, boolean playbooksRun) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(event);
            ((ObjectNode) node.path("detail")).set("silence", JSON.createObjectNode()
                    .put("silenceId", "sil_01JE4Z5Q8N3V7W2X6Y9T0R1S2P").put("until", "2026-12-01T12:00:00.000Z")
                    .put("playbooks", playbooksRun));
            return node.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String event(String detailType, String service, String severity) {
        return JSON.createObjectNode()
                .put("version", "0").put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                .put("detail-type", detailType).put("source", "incident-pipeline")
                .put("account", "123456789012").put("time", "2026-12-01T10:00:00Z").put("region", "us-east-1")
                .set("detail", JSON.createObjectNode()
                        .put("incidentId", "inc_01JC7YQ0W6Y3Q8N4V5T6X7Z8A9").put("fingerprint", "a".repeat(64))
                        .put("severity", severity).put("service", service).put("category", "availability")
                        .put("status", "OPEN").put("source", "generic"))
                .toString();
    }

    @Test
    void shouldRefuseWhatCdkCannotWire_namingThePropAndTheFix() {
        Stack stack = new Stack(new App(), "Refusals");
        IncidentPipeline pipeline = new IncidentPipeline(stack, "Pipeline", IncidentPipelineProps.builder().build());
        IncidentPattern any = IncidentPattern.builder().build();
        IFunction byArn = Function.fromFunctionArn(stack, "ByArn", IMPORTED_ARN);
        assertThatThrownBy(() -> pipeline.addPlaybook("ByArn", PlaybookProps.builder().pattern(any).handler(byArn)
                .playbookName("by-arn").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PlaybookProps.handler Refusals/ByArn has no role",
                        "Function.fromFunctionAttributes", ".role(Role.fromRoleArn(");
        IFunction withRole = Function.fromFunctionAttributes(stack, "WithRole", FunctionAttributes.builder()
                .functionArn(IMPORTED_ARN).role(Role.fromRoleArn(stack, "Role", IMPORTED_ROLE_ARN)).build());
        assertThatThrownBy(() -> pipeline.addPlaybook("Unnamed", PlaybookProps.builder().pattern(any).handler(withRole)
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is imported, so addPlaybook cannot set its environment",
                        "PlaybookProps.playbookName(name)", "TABLE_NAME", "PLAYBOOK_NAME", "DRY_RUN");

        Function shared = function(stack, "Shared");
        pipeline.addPlaybook("One", PlaybookProps.builder().pattern(any).handler(shared).build());
        assertThatThrownBy(() -> pipeline.addPlaybook("Two", PlaybookProps.builder().pattern(any).handler(shared)
                .playbookName("two").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Playbook 'Refusals/Pipeline/Two'", "already runs playbook 'Refusals/Pipeline/One'",
                        "Leave PlaybookProps.playbookName out");
        assertThatThrownBy(() -> pipeline.addPlaybook("Three", PlaybookProps.builder().pattern(any).handler(shared)
                .maxEventAge(Duration.minutes(5)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(retryAttempts 2, maxEventAge 1 hour)",
                        "give PlaybookProps.retryAttempts and maxEventAge the same values");
        assertThatThrownBy(() -> pipeline.addPlaybook("Bad name", PlaybookProps.builder().pattern(any)
                .handler(function(stack, "Other")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the playbook name 'Bad name'", "set PlaybookProps.playbookName");
        assertThatThrownBy(() -> pipeline.addPlaybook("Null", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the bus, the store and its props");
        // Refused playbooks leave nothing behind.
        assertThat(pipeline.getNode().tryFindChild("ByArn")).isNull();
        assertThat(pipeline.getNode().tryFindChild("Two")).isNull();
        assertThat(pipeline.getNode().tryFindChild("One")).isNotNull();
    }

    @Test
    void shouldRefuseAlternativesThatOneRuleCannotExpress() {
        IncidentPattern opened = IncidentPattern.builder().detailTypes(DetailType.OPENED).services("payments").build();
        assertThatThrownBy(() -> IncidentPattern.anyOf(opened))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two or more alternatives");
        assertThatThrownBy(() -> IncidentPattern.anyOf(opened,
                IncidentPattern.builder().detailTypes(DetailType.RESOLVED).services("checkout").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alternative #2 matches detail types [Incident Resolved]",
                        "add a playbook per detail type");
        assertThatThrownBy(() -> IncidentPattern.anyOf(opened, IncidentPattern.anyOf(opened, opened)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alternative #2 is itself an anyOf");
        assertThatThrownBy(() -> IncidentPattern.anyOf(opened, IncidentPattern.builder().detailTypes(DetailType.OPENED)
                .services("checkout").silencedIncidents(IncidentPattern.SilencedIncidents.INCLUDED).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alternative #2 treats silenced incidents as INCLUDED",
                        "set the same silencedIncidents on every alternative");
        assertThatThrownBy(() -> IncidentPattern.anyOf(opened, opened).toIncidentMatch())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anyOf");
    }
}
