package io.incidentpipeline.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;

/** The deploy-time call is rendered the same whatever the order its parameters' maps iterate in. */
class DeployTimeSdkCallsTest {

    @Test
    void parametersAreRenderedSortedAtEveryDepth() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", "z");
        inner.put("alpha", "a");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("TableName", "incidents");
        parameters.put("Item", Map.of("list", List.of(inner)));
        parameters.put("Alpha", "first");

        Stack stack = new Stack(new App(), "Calls");
        DeployTimeSdkCalls.call(stack, "Call", "a test", AwsSdkCall.builder()
                        .service("DynamoDB").action("putItem").parameters(parameters)
                        .physicalResourceId(PhysicalResourceId.of("id")).build(),
                null, List.of("arn:aws:dynamodb:us-east-1:123456789012:table/incidents"));

        Capture create = new Capture();
        Template.fromStack(stack).hasResourceProperties("Custom::AWS", Map.of("Create", create));
        assertThat(create.asString())
                .contains("\"parameters\":{\"Alpha\":\"first\",\"Item\":{\"list\":[{\"alpha\":\"a\",\"zeta\":\"z\"}]},"
                        + "\"TableName\":\"incidents\"}")
                .contains("\"physicalResourceId\":{\"id\":\"id\"}");
    }
}
