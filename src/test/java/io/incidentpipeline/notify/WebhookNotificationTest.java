package io.incidentpipeline.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** A staging stage that also posts urgent incidents to a chat webhook through an API destination. */
class WebhookNotificationTest {
    private final SynthesizedApp app = SynthesizedApp.synthesize(Map.of("stage", "staging",
            "chatWebhookUrl", "https://hooks.example.com/services/T000/B000", "chatWebhookSecretName", "staging/chat-webhook"));
    private final Template template = app.template();

    @Test
    void shouldReadTheCredentialFromSecretsManagerAtDeployTime() {
        Capture apiKey = new Capture();
        template.hasResourceProperties("AWS::Events::Connection", Match.objectLike(Map.of(
                "AuthorizationType", "API_KEY",
                "AuthParameters", Map.of("ApiKeyAuthParameters", Map.of("ApiKeyName", "Authorization",
                        "ApiKeyValue", apiKey)))));
        assertThat(apiKey.asString()).isEqualTo("{{resolve:secretsmanager:staging/chat-webhook:SecretString:::}}");
        template.hasResourceProperties("AWS::Events::ApiDestination", Match.objectLike(Map.of(
                "InvocationEndpoint", "https://hooks.example.com/services/T000/B000",
                "HttpMethod", "POST",
                "InvocationRateLimitPerSecond", 10)));
    }

    @Test
    void shouldPostAShapedMessageWithRetriesAndADeadLetterQueue() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Match.objectLike(Map.of("detail", Map.of("severity", List.of("critical", "high")))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "InputTransformer", Match.objectLike(Map.of("InputTemplate", Match.stringLikeRegexp("\"text\""))),
                        "RetryPolicy", Match.anyValue(),
                        "DeadLetterConfig", Match.anyValue()))))));
        JsonNode report = app.validationReport();
        if (report != null) {
            report.path("pluginReports").forEach(plugin -> assertThat(plugin.path("violations")).isEmpty());
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmDescription", Match.stringLikeRegexp("ChatWebhookFailures"))));
    }
}
