package io.incidentpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A staging stage that takes in GuardDuty findings and CloudWatch alarms from its default bus. */
class AwsEventIngestTest {
    private final SynthesizedApp app = SynthesizedApp.synthesize(Map.of("stage", "staging",
            "awsSources", "guardduty,cloudwatch"));
    private final Template template = app.template();

    @Test
    void shouldRouteEachEnabledServicesEventsFromTheDefaultBusToTheAdapter() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("aws.guardduty"), "detail-type", List.of("GuardDuty Finding")),
                "EventBusName", Match.absent(),
                "Targets", List.of(Match.objectLike(Map.of(
                        "RetryPolicy", Match.anyValue(), "DeadLetterConfig", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("aws.cloudwatch"),
                        "detail-type", List.of("CloudWatch Alarm State Change")))));
        template.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("aws.securityhub"), "detail-type", Match.anyValue()))), 0);
    }

    @Test
    void shouldTellTheAdapterWhichSourcesAndAccountToAccept() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.ingest.EventBridgeAlertHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "AWS_EVENT_SOURCES", "aws.guardduty,aws.cloudwatch",
                        "ALLOWED_ACCOUNTS", Map.of("Ref", "AWS::AccountId")))))));
    }

    @Test
    void shouldStayNagCleanAndWatchedByAlarms() {
        JsonNode report = app.validationReport();
        if (report != null) {
            report.path("pluginReports").forEach(plugin -> assertThat(plugin.path("violations")).isEmpty());
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmDescription", Match.stringLikeRegexp("AwsEventFailures"))));
    }
}
