package io.incidentpipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The prod stage keeps its data: retained, deletion-protected, long retention, termination-protected. */
class ProductionStackTest {
    private static SynthesizedApp app;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        app = SynthesizedApp.synthesize(Map.of("stage", "prod", "regions", "eu-west-1", "account", "123456789012",
                "alertSecretNames", "generic=prod/alerts/generic"));
        template = app.template();
    }

    @Test
    void shouldGraphTheTeamsResponseAndTheOpenIncidents() {
        StringBuilder body = new StringBuilder();
        app.templateJson().path("Resources").forEach(resource -> {
            if ("AWS::CloudWatch::Dashboard".equals(resource.path("Type").asText())) {
                resource.path("Properties").path("DashboardBody").path("Fn::Join").get(1)
                        .forEach(part -> body.append(part.isTextual() ? part.asText() : "<ref>"));
            }
        });
        assertThat(body.toString()).contains("\"IncidentPipeline/Incidents\"", "\"IncidentsOpened\"",
                "\"TimeToAcknowledge\"", "\"TimeToResolve\"", "\"p90\"", "FILL(m0, 0)", "\"OpenIncidents\"",
                "Currently open (not resolved) by severity");
    }

    @Test
    void shouldRetainAndProtectTheTable_whenStageIsProd() {
        template.hasResource("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of("Replicas", List.of(Match.objectLike(Map.of(
                        "Region", "eu-west-1",
                        "DeletionProtectionEnabled", true))))))));
        template.allResources("AWS::Logs::LogGroup", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        template.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 90)));
        template.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of("RetentionDays", 365)));
        assertThat(app.stacks().get(0).getTerminationProtection()).isTrue();
    }

    @Test
    void shouldPutAWafInFrontOfTheApi_whenStageIsProd() {
        template.hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of(
                "Scope", "REGIONAL",
                "Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Name", "RateLimitAlertsPerIp",
                        "Statement", Map.of("RateBasedStatement", Match.objectLike(Map.of("Limit", 7500,
                                "AggregateKeyType", "IP"))))))))));
        template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
    }

    @Test
    void shouldEncryptTopicsWithOneSharedRotatingKey_whenStageIsProd() {
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        template.allResourcesProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
    }

    @Test
    void shouldPutTheCostGuardrailsInUsEast1_whenThePrimaryRegionIsElsewhere() {
        software.amazon.awscdk.Stack costs = (software.amazon.awscdk.Stack) app.stacks().get(0).getNode().getRoot()
                .getNode().findChild("IncidentPipeline-prod-costs");
        assertThat(costs.getRegion()).isEqualTo("us-east-1");
        Template costTemplate = Template.fromStack(costs);
        costTemplate.hasResourceProperties("AWS::Budgets::Budget", Match.objectLike(Map.of("Budget", Match.objectLike(
                Map.of("BudgetLimit", Map.of("Amount", 100, "Unit", "USD"),
                        "CostFilters", Map.of("TagKeyValue", List.of("user:Stage$prod")))))));
        costTemplate.resourceCountIs("AWS::CE::AnomalyMonitor", 1);
        costTemplate.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
        template.resourceCountIs("AWS::Budgets::Budget", 0);
    }

    @Test
    void shouldSubscribeThePrimaryRegionsIntakeToTheUsEast1CostTopic_byItsDeterministicArn() {
        template.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of(
                "Protocol", "lambda",
                "Region", "us-east-1",
                "TopicArn", "arn:aws:sns:us-east-1:123456789012:incident-pipeline-prod-cost-alerts")));
        assertThat(app.stacks().get(0).getDependencies())
                .anySatisfy(stack -> assertThat(stack.getStackName()).isEqualTo("IncidentPipeline-prod-costs"));
    }

    @Test
    void shouldUseTheNamedExistingSecret_whenAlertSecretNamesIsSet() {
        // The one secret the stack creates is the operator API's cursor key, not a signing key.
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties("AWS::SecretsManager::Secret",
                Match.objectLike(Map.of("Name", "incident-pipeline/prod/operator-cursor-key")));
        Capture secretArns = new Capture();
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Environment",
                Map.of("Variables", Match.objectLike(Map.of("ALERT_SECRET_ARNS", secretArns))))));
        assertThat(secretArns.asString())
                .isEqualTo("generic=arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/alerts/generic");
    }
}
