package com.example.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.guardrails.GuardrailsAssertions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** One synth: the platform's pipeline, the payments team's on its own table and bus, and the reports stack. */
class PlatformAppTest {
    private static Template platform;
    private static Template payments;
    private static Template reports;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        PlatformApp.build(app);
        GuardrailsAssertions.assertCompliant(app);
        platform = Template.fromStack((Stack) app.getNode().findChild("Platform"));
        payments = Template.fromStack((Stack) app.getNode().findChild("Payments"));
        reports = Template.fromStack((Stack) app.getNode().findChild("Reports"));
    }

    @Test
    void shouldNameThePlatformsTableSoOtherAppsFindIt() {
        platform.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of(
                "TableName", "incident-pipeline-platform-incidents",
                "SSESpecification", Match.objectLike(Map.of("SSEType", "KMS")))));
    }

    @Test
    void shouldRunThePaymentsPipelineOnTheTeamsOwnTableAndBus() {
        payments.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        payments.resourceCountIs("AWS::Events::EventBus", 1);
        payments.hasResourceProperties("AWS::Events::Archive", Match.objectLike(Map.of("RetentionDays", 30)));
        // No stage name: CloudFormation names the table, so the two pipelines never collide.
        payments.hasResourceProperties("AWS::DynamoDB::GlobalTable", Match.objectLike(Map.of("TableName", Match.absent())));
        // operatorApi(false): no /incidents routes.
        assertThat(payments.findResources("AWS::ApiGateway::Resource", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("PathPart", "incidents")))))).isEmpty();
    }

    @Test
    void shouldImportThePlatformsTableByNameWithItsKey() {
        reports.resourceCountIs("AWS::DynamoDB::GlobalTable", 0);
        assertThat(reports.toJSON().toString()).doesNotContain("Fn::ImportValue");
        reports.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action", "kms:Decrypt",
                "Resource", PlatformApp.TABLE_KEY_ARN)));
        reports.hasResourceProperties("AWS::IAM::Policy", statement(Map.of("Action", "dynamodb:Query")));
    }

    /** @return a matcher of a policy with a statement like {@code fields} */
    private static Object statement(Map<String, Object> fields) {
        return Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(fields)))))));
    }
}
