package io.incidentpipeline.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The built-in playbooks as the app deploys them with {@code playbooks} set: dry run in a sandbox,
 * acting in other stages, least privilege, and drift detection on a schedule. Who can trigger them:
 * {@link RemediationTriggersTest}.
 */
class RemediationPlaybookTest {
    private static final Map<String, Object> ALL = Map.of("playbooks", "block-public-bucket,revoke-open-ingress,drift-detection",
            "monitoring", "true");

    private static SynthesizedApp sandbox;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        sandbox = SynthesizedApp.synthesize(ALL);
        template = sandbox.template();
    }

    @Test
    void shouldDeployEachChosenPlaybookAsADryRun_inASandbox_andActing_inOtherStages() {
        for (String handler : List.of("BlockPublicBucketPlaybook", "RevokeOpenIngressPlaybook")) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "io.incidentpipeline.handlers.remediation." + handler + "::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("DRY_RUN", "true"))))));
        }
        Template staging = SynthesizedApp.synthesize(Map.of("stage", "staging", "playbooks", "block-public-bucket"))
                .template();
        staging.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.remediation.BlockPublicBucketPlaybook::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DRY_RUN", "false", "PLAYBOOK_NAME", "block-public-bucket"))))));
        staging.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.remediation.RevokeOpenIngressPlaybook::handleRequest")), 0);
        Template explicit = SynthesizedApp.synthesize(Map.of("stage", "staging", "playbooks", "revoke-open-ingress",
                "playbookDryRun", "true")).template();
        explicit.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.remediation.RevokeOpenIngressPlaybook::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("DRY_RUN", "true"))))));
    }

    @Test
    void shouldGrantOnlyTheNamedActionsEachRemediationNeeds() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("s3:GetBucketPublicAccessBlock", "s3:GetBucketTagging", "s3:PutBucketPublicAccessBlock"),
                        "Resource", "arn:aws:s3:::*")))))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("ec2:DescribeSecurityGroupRules", "ec2:DescribeSecurityGroups"),
                                "Resource", "*")),
                        Match.objectLike(Map.of("Action", "ec2:RevokeSecurityGroupIngress",
                                "Resource", Match.objectLike(Map.of("Fn::Join", Match.anyValue())))))))))));
        sandbox.templateJson().path("Resources").forEach(resource -> resource.path("Properties").path("PolicyDocument")
                .path("Statement").forEach(statement -> {
                    if (!"Allow".equals(statement.path("Effect").asText())) {
                        return; // e.g. the queues' "deny sqs:* without TLS"
                    }
                    List<String> actions = new ArrayList<>();
                    JsonNode action = statement.path("Action");
                    if (action.isArray()) {
                        action.forEach(a -> actions.add(a.asText()));
                    } else {
                        actions.add(action.asText());
                    }
                    assertThat(actions).as("no wildcard action allowed").noneMatch(a -> a.contains("*"));
                }));
    }

    @Test
    void shouldDetectDriftOfItsOwnStackDaily_withRetriesADeadLetterQueueAndAlarms() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.remediation.DriftDetectionHandler::handleRequest",
                "Timeout", 300,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DRIFT_STACK_NAMES", "IncidentPipeline-dev-us-east-1"))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 day)",
                "Targets", List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 2)),
                        "DeadLetterConfig", Match.anyValue()))))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("cloudformation:DescribeStackResourceDrifts", "cloudformation:DetectStackDrift"),
                        "Resource", Match.objectLike(Map.of("Fn::Join", Match.anyValue())))))))))));
        for (String alarm : List.of("DriftDetection", "DriftDetectionFailures", "block-public-bucket-Failures",
                "revoke-open-ingress-RuleFailures")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmDescription", Match.stringLikeRegexp(alarm))));
        }
    }

    @Test
    void shouldLetDriftDetectionReadFunctionsOnlyOfItsStack_andNoApiKey() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", List.of("lambda:GetFunction", "lambda:GetFunctionConfiguration"),
                        "Condition", Map.of("StringEquals", Map.of("aws:ResourceTag/aws:cloudformation:stack-name",
                                List.of("IncidentPipeline-dev-us-east-1"))))))))))));
        sandbox.templateJson().path("Resources").forEach(resource -> resource.path("Properties").path("PolicyDocument")
                .path("Statement").forEach(statement -> {
                    String actions = statement.path("Action").toString();
                    String resources = statement.path("Resource").toString();
                    if (actions.contains("lambda:GetFunction\"") || actions.contains("lambda:GetFunctionConfiguration")) {
                        assertThat(statement.path("Condition").isMissingNode()).as("function reads unconditioned: %s", statement)
                                .isFalse();
                    }
                    if (actions.contains("apigateway:GET")) {
                        assertThat(resources).doesNotContain("\"*\"", "apikeys").contains("/restapis/*");
                    }
                }));
    }

    @Test
    void shouldStayNagClean() {
        JsonNode report = sandbox.validationReport();
        if (report != null) {
            report.path("pluginReports").forEach(plugin -> assertThat(plugin.path("violations")).isEmpty());
        }
    }
}
