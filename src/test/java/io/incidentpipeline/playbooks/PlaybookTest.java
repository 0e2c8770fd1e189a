package io.incidentpipeline.playbooks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.routing.FindingTrigger;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/** {@code IncidentPipeline.addPlaybook}: the ten lines a user writes, and what they get. */
class PlaybookTest {
    private static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/prod/checkout";
    private static Template template;
    private static Function restart;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Users");
        IncidentPipeline pipeline = new IncidentPipeline(stack, "Pipeline", IncidentPipelineProps.builder().build());
        restart = Function.Builder.create(stack, "RestartCheckout")
                .runtime(Runtime.PYTHON_3_14).handler("index.handler")
                .code(Code.fromInline("def handler(event, context):\n    pass\n"))
                .build();

        pipeline.addPlaybook("RestartCheckout", PlaybookProps.builder()
                .pattern(IncidentPattern.builder().detailTypes(DetailType.OPENED)
                        .services("checkout").severities(Severity.CRITICAL).build())
                .handler(restart)
                .permission(PolicyStatement.Builder.create()
                        .actions(List.of("ecs:UpdateService")).resources(List.of(SERVICE_ARN)).build())
                .build());

        template = Template.fromStack(stack);
    }

    @Test
    void shouldRouteMatchingIncidentsToTheHandlerWithRetriesAndADeadLetterQueue() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("incident-pipeline"),
                        // An opening people were not told of runs it when its silence ends.
                        "detail-type", List.of("Incident Opened", "Incident Unsilenced"),
                        // A silenced incident runs it only if its silence lets playbooks run.
                        "detail", Map.of("severity", List.of("critical"), "service", List.of("checkout"),
                                "silence", Map.of("playbooks", List.of(Map.of("exists", false), true)))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Match.objectLike(Map.of("MaximumRetryAttempts", 8)),
                        "DeadLetterConfig", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("RestartCheckout")),
                "MaximumRetryAttempts", 2,
                "MaximumEventAgeInSeconds", 3600,
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination", Match.anyValue())))));
    }

    @Test
    void shouldGrantOnlyTheDeclaredActionsAndTheRunRecord() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("RestartCheckoutServiceRole"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "ecs:UpdateService", "Resource", SERVICE_ARN)),
                        Match.objectLike(Map.of("Action", "dynamodb:GetItem")),
                        Match.objectLike(Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("INC#*"))))))))))));
    }

    private static PlaybookProps.Builder withPermissions(PolicyStatement... statements) {
        PlaybookProps.Builder props = PlaybookProps.builder().pattern(IncidentPattern.builder().build()).handler(restart)
                .permission(PolicyStatement.Builder.create().actions(List.of("ecs:UpdateService"))
                        .resources(List.of(SERVICE_ARN)).build());
        for (PolicyStatement statement : statements) {
            props.permission(statement);
        }
        return props;
    }

    @Test
    void shouldRefuseNotActionsAndNotResources_namingTheStatementAndTheFix() {
        assertThatThrownBy(() -> withPermissions(PolicyStatement.Builder.create().sid("Broad")
                .notActions(List.of("iam:CreateUser")).resources(List.of("*")).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permission #2 (Broad)", "uses notActions [iam:CreateUser]",
                        "list the actions the playbook needs instead");
        assertThatThrownBy(() -> withPermissions(PolicyStatement.Builder.create()
                .actions(List.of("ec2:RevokeSecurityGroupIngress")).notResources(List.of(SERVICE_ARN)).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permission #2 [ec2:RevokeSecurityGroupIngress]", "uses notResources",
                        "list the resources (or ARN patterns)");
    }

    @Test
    void shouldRefuseAMutatingActionOnEveryResource_butAcceptReadsThere() {
        assertThatThrownBy(() -> withPermissions(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress")).resources(List.of("*"))
                .build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permission #2 [ec2:DescribeSecurityGroups, ec2:RevokeSecurityGroupIngress]",
                        "allows [ec2:RevokeSecurityGroupIngress] on Resource '*'", "name the resources it may change");
        assertThatThrownBy(() -> withPermissions(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutBucketPolicy")).resources(List.of("arn:aws:s3:::orders", "*")).build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allows [s3:PutBucketPolicy] on Resource '*'");
        withPermissions(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeSecurityGroups", "logs:FilterLogEvents", "s3:GetBucketTagging"))
                .resources(List.of("*")).build()).build();
    }

    @Test
    void shouldRefuseAWildcardActionOrAPermissionWithoutResources() {
        assertThatThrownBy(() -> PlaybookProps.builder().pattern(IncidentPattern.builder().build()).handler(restart)
                .permission(PolicyStatement.Builder.create().actions(List.of("ec2:*")).resources(List.of("*")).build())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action 'ec2:*' has a wildcard");
        assertThatThrownBy(() -> PlaybookProps.builder().pattern(IncidentPattern.builder().build()).handler(restart)
                .permission(PolicyStatement.Builder.create().actions(List.of("ec2:RevokeSecurityGroupIngress")).build())
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no resource");
        assertThatThrownBy(() -> IncidentPattern.builder().services("check out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncidentPattern.services: 'check out'");
    }

    @Test
    void shouldRefuseTriggersThatWouldActOnClosedOrInformationalFindings() {
        assertThatThrownBy(() -> FindingTrigger.securityHubControls("S3.8").findingStates("SUPPRESSED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'SUPPRESSED' cannot trigger");
        assertThatThrownBy(() -> FindingTrigger.guardDuty("Recon:EC2/Portscan").minimumSeverity(Severity.INFO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be LOW or above");
        assertThatThrownBy(() -> FindingTrigger.guardDuty())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name at least one");
        assertThatThrownBy(() -> FindingTrigger.securityHubControls("S3.8 or anything"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'S3.8 or anything'");
    }

    @Test
    void shouldRefuseRemediationPropsThatWouldNeverRunOrDoNotApply() {
        IncidentPipeline pipeline = new IncidentPipeline(new Stack(new App(), "Props"), "Pipeline");
        assertThatThrownBy(() -> RemediationPlaybookProps.builder().remediation(Remediation.BLOCK_PUBLIC_BUCKET)
                .bus(pipeline.getBus().getEventBus()).store(pipeline.getStore()).triggers(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("triggers is empty");
        assertThatThrownBy(() -> RemediationPlaybookProps.builder().remediation(Remediation.BLOCK_PUBLIC_BUCKET)
                .bus(pipeline.getBus().getEventBus()).store(pipeline.getStore()).publicPorts(List.of(443)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("applies to revoke-open-ingress only");
        assertThatThrownBy(() -> RemediationPlaybookProps.builder().remediation(Remediation.REVOKE_OPEN_INGRESS)
                .bus(pipeline.getBus().getEventBus()).store(pipeline.getStore()).publicPorts(List.of(443, 70000)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000 is not a port");
        assertThatThrownBy(() -> pipeline.getBus().grantPutEvents(new software.amazon.awscdk.services.iam.AccountRootPrincipal()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an IAM role");
    }
}
