package com.example.checkout.infra;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.playbooks.Playbook;
import io.incidentpipeline.playbooks.PlaybookProps;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The pipeline, the team's feature-flag table, and the team's own playbook: when checkout goes
 * critical or payments high, turn off the feature flag the incident names.
 */
public class CheckoutStack extends Stack {
    /** The playbook's deployable jar, built by the playbook module (`mvn package` in the parent first). */
    static final Path PLAYBOOK_JAR = Path.of("..", "playbook", "target", "checkout-kill-switch.jar");

    private final Playbook killSwitch;

    /**
     * @param scope the app
     * @param id    the stack's id
     * @param props the stack's props
     */
    public CheckoutStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        if (!Files.isRegularFile(PLAYBOOK_JAR)) {
            throw new IllegalStateException(PLAYBOOK_JAR.toAbsolutePath().normalize() + " is missing: build the playbook"
                    + " module first (mvn package in examples/custom-playbook).");
        }
        IncidentPipeline pipeline = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
                .disposable(true)
                .logRetention(RetentionDays.TWO_WEEKS)
                .build());

        TableV2 flags = TableV2.Builder.create(this, "FeatureFlags")
                .partitionKey(Attribute.builder().name("flag").type(AttributeType.STRING).build())
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        // A role of its own (no managed policy) and a log group with a retention, as nag asks.
        Role role = Role.Builder.create(this, "KillSwitchRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        LogGroup logs = LogGroup.Builder.create(this, "KillSwitchLogs")
                .retention(RetentionDays.TWO_WEEKS).removalPolicy(RemovalPolicy.DESTROY).build();
        logs.grantWrite(role);
        Function function = Function.Builder.create(this, "KillSwitch")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(PLAYBOOK_JAR.toString()))
                .handler("com.example.checkout.playbook.KillSwitchPlaybook::handleRequest")
                .memorySize(1024)
                .timeout(Duration.seconds(30))
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                // The playbook's own setting; addPlaybook sets TABLE_NAME, PLAYBOOK_NAME, DRY_RUN and MAX_RUN_ATTEMPTS.
                .environment(Map.of("FLAGS_TABLE", flags.getTableName()))
                .build();
        Guardrails.acknowledge(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5[Resource::*]",
                "X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.");
        Guardrails.acknowledge(function, "AwsSolutions-L1", "Java 21 is the runtime the playbook is built and tested for.");
        Guardrails.acknowledge(function, "Serverless-LambdaLatestVersion",
                "Java 21 is the runtime the playbook is built and tested for.");

        killSwitch = pipeline.addPlaybook("KillSwitch", PlaybookProps.builder()
                .playbookName("checkout-kill-switch")
                .pattern(IncidentPattern.anyOf(
                        IncidentPattern.builder().detailTypes(DetailType.OPENED, DetailType.ESCALATED)
                                .services("checkout").severities(Severity.CRITICAL).labelsPresent("featureFlag").build(),
                        IncidentPattern.builder().detailTypes(DetailType.OPENED, DetailType.ESCALATED)
                                .services("payments").severities(Severity.HIGH, Severity.CRITICAL)
                                .labelsPresent("featureFlag").build()))
                .handler(function)
                .permission(PolicyStatement.Builder.create()
                        .actions(List.of("dynamodb:GetItem", "dynamodb:UpdateItem"))
                        .resources(List.of(flags.getTableArn()))
                        .build())
                .build());
    }

    /** @return the playbook, e.g. to alarm on its failure queue */
    public Playbook getKillSwitch() {
        return killSwitch;
    }
}
