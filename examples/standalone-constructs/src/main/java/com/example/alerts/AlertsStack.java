package com.example.alerts;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.ingest.AlertIngestApi;
import io.incidentpipeline.ingest.AlertIngestApiProps;
import io.incidentpipeline.routing.IncidentEvents.DetailType;
import io.incidentpipeline.routing.IncidentEvents.Severity;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.routing.IncidentPublisher;
import io.incidentpipeline.routing.IncidentPublisherProps;
import io.incidentpipeline.routing.IncidentRule;
import io.incidentpipeline.routing.IncidentRuleProps;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
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
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A team that takes only the alert intake and the incident table, and routes incidents on its own
 * bus to its own playbook.
 */
public class AlertsStack extends Stack {
    public AlertsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        IncidentStore store = new IncidentStore(this, "Incidents", IncidentStoreProps.builder()
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        new AlertIngestApi(this, "Alerts", AlertIngestApiProps.builder()
                .store(store)
                .throttlingRateLimit(20)
                .build());

        // The team's own bus and playbook: Incident Pipeline publishes to it and routes on it.
        EventBus teamBus = EventBus.Builder.create(this, "TeamBus").build();
        new IncidentPublisher(this, "Publisher", IncidentPublisherProps.builder().store(store).bus(teamBus).build());
        new IncidentRule(this, "PageOnCritical", IncidentRuleProps.builder()
                .bus(teamBus)
                .pattern(IncidentPattern.builder().detailTypes(DetailType.OPENED).severities(Severity.CRITICAL).build())
                .description("Critical incidents go to the team's own playbook")
                .build())
                .addPlaybook(teamPlaybook());
    }

    /** The team's playbook, written to pass the same guardrails as the library's own functions. */
    private Function teamPlaybook() {
        LogGroup logs = LogGroup.Builder.create(this, "PlaybookLogs")
                .retention(RetentionDays.TWO_WEEKS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "PlaybookRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        logs.grantWrite(role);
        Queue failures = Queue.Builder.create(this, "PlaybookFailures")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Guardrails.acknowledge(failures, "AwsSolutions-SQS3", "The dead-letter queue of the team playbook.");
        Guardrails.acknowledge(failures, "Serverless-SQSRedrivePolicy", "The dead-letter queue of the team playbook.");
        Function playbook = Function.Builder.create(this, "Playbook")
                .runtime(Runtime.PYTHON_3_14)
                .architecture(Architecture.ARM_64)
                .handler("index.handler")
                .code(Code.fromInline("import json\n"
                        + "def handler(event, context):\n"
                        + "    print(json.dumps({'incidentId': event['detail']['incidentId'], 'action': 'page'}))\n"))
                .memorySize(256)
                .timeout(Duration.seconds(10))
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .tracing(Tracing.ACTIVE)
                .deadLetterQueue(failures)
                .build();
        Guardrails.acknowledge(playbook, "Serverless-LambdaAsyncFailureDestination",
                "Failed invocations go to the function's dead-letter queue.");
        Guardrails.acknowledge(role.getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5[Resource::*]",
                "X-Ray write actions support no resource-level permissions.");
        return playbook;
    }
}
