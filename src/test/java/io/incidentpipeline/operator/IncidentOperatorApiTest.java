package io.incidentpipeline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

/**
 * The operator API as a library user gets it with {@code IncidentPipeline}: IAM on every method,
 * grants scoped to the methods a role needs, and a function that can query but never scan.
 */
class IncidentOperatorApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // One app for the class: each test reads the same synthesized template.
    private static final App app = new App();
    private static final Stack stack = new Stack(app, "Ops");
    private static final IncidentPipeline pipeline = new IncidentPipeline(stack, "Pipeline");
    private static final Role reader = Role.Builder.create(stack, "Reader").assumedBy(new AccountRootPrincipal()).build();
    private static final Role onCall = Role.Builder.create(stack, "OnCall").assumedBy(new AccountRootPrincipal()).build();

    static {
        pipeline.getOperatorApi().orElseThrow().grantRead(reader);
        pipeline.getOperatorApi().orElseThrow().grantOperate(onCall);
        Guardrails.applyTo(app);
    }

    private static final Template template = Template.fromStack(stack);

    @Test
    void shouldAuthorizeEveryMethodWithIam_incidentsStatsAndSilences() {
        JsonNode resources = JSON.valueToTree(template.toJSON()).path("Resources");
        List<String> methods = new ArrayList<>();
        resources.forEach(resource -> {
            JsonNode properties = resource.path("Properties");
            if ("AWS::ApiGateway::Method".equals(resource.path("Type").asText())
                    && properties.path("Integration").toString().contains("OperatorApi")) {
                methods.add(properties.path("HttpMethod").asText());
                assertThat(properties.path("AuthorizationType").asText()).isEqualTo("AWS_IAM");
            }
        });
        assertThat(methods).containsExactlyInAnyOrder("GET", "GET", "GET", "GET", "POST", "POST", "POST", "DELETE");
        assertThat(JSON.valueToTree(template.findResources("AWS::ApiGateway::Resource")).toString())
                .contains("\"PathPart\":\"stats\"", "\"PathPart\":\"silences\"", "\"PathPart\":\"{silenceId}\"");
    }

    @Test
    void shouldGrantReadersTheReadsAndOnCallEverything_onTheDeployedStageOnly() {
        assertThat(invokable(reader)).hasSize(4).allSatisfy(arn -> assertThat(arn).contains("/GET/"))
                .anySatisfy(arn -> assertThat(arn).endsWith("/GET/incidents/stats"))
                .anySatisfy(arn -> assertThat(arn).endsWith("/GET/silences"));
        assertThat(invokable(onCall)).hasSize(8)
                .anySatisfy(arn -> assertThat(arn).endsWith("/POST/incidents/*/acknowledge"))
                .anySatisfy(arn -> assertThat(arn).endsWith("/POST/incidents/*/resolve"))
                .anySatisfy(arn -> assertThat(arn).endsWith("/POST/silences"))
                .anySatisfy(arn -> assertThat(arn).endsWith("/DELETE/silences/*"))
                // The deployed stage, never every stage.
                .allSatisfy(arn -> assertThat(arn).contains(":<ref>/<ref>/").doesNotContain("/*/POST", "/*/GET"));
    }

    @Test
    void shouldQueryTheTableAndItsThreeIndexes_andNeverScan() {
        String policies = JSON.valueToTree(template.findResources("AWS::IAM::Policy")).toString();
        assertThat(policies).doesNotContain("dynamodb:Scan");
        assertThat(policies).contains("\"dynamodb:Query\"", "/index/byStatus", "/index/byService", "/index/byId",
                "dynamodb:BatchGetItem");
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.operator.OperatorApiHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "CURSOR_SECRET_ARN", Match.anyValue(), "STATUS_INDEX_NAME", "byStatus",
                        "SERVICE_INDEX_NAME", "byService", "ID_INDEX_NAME", "byId"))))));
    }

    @Test
    void shouldPassTheGuardrails_andRefuseMissingProps() {
        GuardrailsAssertions.assertCompliant(app);
        assertThatThrownBy(() -> IncidentOperatorApiProps.builder().store(pipeline.getStore()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api is required");
        assertThatThrownBy(() -> IncidentOperatorApiProps.builder().api(pipeline.getIngest().getApi())
                .store(pipeline.getStore()).memorySize(128).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memorySize must be 256-10240");
    }

    /** @return the execute-api ARNs {@code role} may invoke, rendered as text */
    private static List<String> invokable(Role role) {
        List<String> arns = new ArrayList<>();
        JSON.valueToTree(template.findResources("AWS::IAM::Policy")).forEach(policy -> {
            if (!policy.path("Properties").path("Roles").toString().contains(role.getNode().getId())) {
                return;
            }
            policy.path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
                if ("execute-api:Invoke".equals(statement.path("Action").asText())) {
                    statement.path("Resource").forEach(resource -> arns.add(render(resource)));
                }
            });
        });
        return arns;
    }

    /** Joins an {@code Fn::Join}'s literal parts, showing references as {@code <ref>}. */
    private static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            StringBuilder text = new StringBuilder();
            value.path("Fn::Join").get(1).forEach(part -> text.append(render(part)));
            return text.toString();
        }
        return "<ref>";
    }
}
