package com.example.alerts;

import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AlertsStackTest {
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        AlertsStack stack = new AlertsStack(app, "Alerts", StackProps.builder().build());
        GuardrailsAssertions.assertCompliant(app);
        template = Template.fromStack(stack);
    }

    @Test
    void shouldUseTheTableAndApiWithoutTheRestOfThePipeline() {
        template.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::Events::Archive", 0);
        template.resourceCountIs("AWS::SNS::Topic", 0);
    }

    @Test
    void shouldRouteCriticalIncidentsOnTheTeamsBusToTheTeamsPlaybook() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("incident-pipeline"),
                        "detail-type", List.of("Incident Opened", "Incident Unsilenced"),
                        "detail", Map.of("severity", List.of("critical"),
                                "silence", Map.of("silenceId", List.of(Map.of("exists", false))))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "DeadLetterConfig", Match.anyValue(),
                        "RetryPolicy", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of("Runtime", "python3.14")));
    }
}
