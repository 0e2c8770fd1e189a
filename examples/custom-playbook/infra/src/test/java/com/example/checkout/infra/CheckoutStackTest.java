package com.example.checkout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The app synthesizes through the library's gate (cdk-nag) and hands the playbook what it needs. */
class CheckoutStackTest {
    private static CheckoutStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        stack = new CheckoutStack(app, "Checkout", StackProps.builder().build());
        GuardrailsAssertions.assertCompliant(app);
        template = Template.fromStack(stack);
    }

    @Test
    void shouldTellThePlaybookItsTablesNameAndMode() {
        Capture table = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "com.example.checkout.playbook.KillSwitchPlaybook::handleRequest",
                "Environment", Map.of("Variables", Map.of(
                        "FLAGS_TABLE", Map.of("Ref", Match.stringLikeRegexp("^FeatureFlags")),
                        "TABLE_NAME", Map.of("Ref", table),
                        "PLAYBOOK_NAME", "checkout-kill-switch",
                        "DRY_RUN", "false",
                        "MAX_RUN_ATTEMPTS", "2")))));
        // The pipeline's incident table (keys pk and sk), not the flags table.
        assertThat(template.findResources("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("KeySchema", Match.arrayWith(List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH")))))))))
                .containsOnlyKeys(table.asString());
        assertThat(stack.getKillSwitch().getPlaybookName()).isEqualTo("checkout-kill-switch");
    }

    @Test
    void shouldRouteCheckoutCriticalOrPaymentsHigh_withAFlagLabel() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of(
                        "source", List.of("incident-pipeline"),
                        // An opening whose silence ended is announced Incident Unsilenced: the rule takes it too.
                        "detail-type", List.of("Incident Opened", "Incident Escalated", "Incident Unsilenced"),
                        "detail", Map.of("$or", List.of(
                                Map.of("severity", List.of("critical"), "service", List.of("checkout"),
                                        "labels", Map.of("featureFlag", List.of(Map.of("exists", true)))),
                                Map.of("severity", List.of("high", "critical"), "service", List.of("payments"),
                                        "labels", Map.of("featureFlag", List.of(Map.of("exists", true))))),
                                // A playbook runs on a silenced incident only if its silence lets playbooks run.
                                "silence", Map.of("playbooks", List.of(Map.of("exists", false), true)))))));
    }

    @Test
    void shouldGrantTheRunRecordAndTheFlags_andSendFailedRunsToAQueue() {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^KillSwitchRole"))),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("dynamodb:GetItem", "dynamodb:UpdateItem"),
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^FeatureFlags"), "Arn")))),
                        Match.objectLike(Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem"),
                                "Condition", Map.of("ForAllValues:StringLike",
                                        Map.of("dynamodb:LeadingKeys", List.of("INC#*"))))))))))));
        template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.objectLike(Map.of(
                "FunctionName", Map.of("Ref", Match.stringLikeRegexp("^KillSwitch")),
                "DestinationConfig", Map.of("OnFailure", Match.anyValue()))));
        assertThat(stack.getKillSwitch().getFailureQueue()).isNotNull();
    }
}
