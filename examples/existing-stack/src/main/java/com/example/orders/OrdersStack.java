package com.example.orders;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.guardrails.Guardrails;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** An existing service stack that adds the whole incident pipeline beside its own resources. */
public class OrdersStack extends Stack {
    private final IncidentPipeline incidents;

    public OrdersStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);

        // What the stack already had: an order queue with its dead-letter queue.
        Queue orderFailures = Queue.Builder.create(this, "OrderFailures")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Queue.Builder.create(this, "Orders")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(orderFailures).maxReceiveCount(5).build())
                .build();
        Guardrails.acknowledge(orderFailures, "AwsSolutions-SQS3",
                "The dead-letter queue of the Orders queue.");
        Guardrails.acknowledge(orderFailures, "Serverless-SQSRedrivePolicy",
                "The dead-letter queue of the Orders queue.");

        // The pipeline, with three settings changed from its defaults.
        incidents = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
                .disposable(true)
                .notifyEmails(List.of("orders-oncall@example.com"))
                .logRetention(RetentionDays.TWO_WEEKS)
                .build());
    }

    /** @return the pipeline, e.g. to add routes */
    public IncidentPipeline getIncidents() {
        return incidents;
    }
}
