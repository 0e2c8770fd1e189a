package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class OrdersStackTest {
    private static OrdersStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        stack = new OrdersStack(app, "Orders", StackProps.builder().build());
        GuardrailsAssertions.assertCompliant(app);
        template = Template.fromStack(stack);
    }

    @Test
    void shouldAddThePipelineBesideTheExistingQueues() {
        template.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::Events::EventBus", 1);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of("RedrivePolicy", Match.anyValue())));
    }

    @Test
    void shouldApplyTheThreeChangedSettings() {
        template.hasResource("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of("DeletionPolicy", "Delete")));
        template.allResourcesProperties("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 14)));
        template.hasResourceProperties("AWS::SNS::Subscription",
                Map.of("Protocol", "email", "Endpoint", "orders-oncall@example.com",
                        "TopicArn", Match.anyValue(), "RedrivePolicy", Match.anyValue()));
    }

    @Test
    void shouldShipTheHandlersFromTheLibraryArtifact() {
        assertThat(stack.getIncidents().getIngest().getFunction().getFunction().getRuntime().getName()).isEqualTo("java21");
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.incidentpipeline.handlers.ingest.IngestHandler::handleRequest",
                "Architectures", List.of("arm64"))));
    }
}
