package io.incidentpipeline.cost;

import io.incidentpipeline.lambda.DeadLetterQueue;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.IQueue;
import io.incidentpipeline.notify.NotificationTopic;
import io.incidentpipeline.notify.NotificationTopicProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.ce.CfnAnomalyMonitor;
import software.amazon.awscdk.services.ce.CfnAnomalySubscription;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * A stage's cost alarm: an AWS Budget filtered to the stage's cost-allocation tag, notifying at
 * its thresholds by e-mail and on an alert topic, and a Cost Anomaly Detection monitor of the same
 * tag whose anomalies go to the same topic. Subscribe the pipeline's intake to {@link #getAlertTopic()}
 * and cost alerts become incidents like any other.
 *
 * <p>Budgets and Cost Anomaly Detection are global services whose CloudFormation resources exist
 * only in us-east-1: put this construct in a us-east-1 stack. It costs nothing itself: budgets
 * without actions and anomaly detection are free.
 */
public final class CostGuardrails extends Construct {
    /** The only region where the budget and anomaly resources can be created. */
    public static final String HOME_REGION = "us-east-1";

    private final CfnBudget budget;
    private final CfnAnomalyMonitor anomalyMonitor;
    private final NotificationTopic alerts;
    private final DeadLetterQueue subscriptionDeadLetters;

    /**
     * Creates the monthly budget, the cost anomaly monitor and their alert topic.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration
     * @throws IllegalArgumentException when the stack is in a region other than {@value #HOME_REGION}
     */
    public CostGuardrails(Construct scope, String id, CostGuardrailsProps props) {
        super(scope, id);
        String region = Stack.of(this).getRegion();
        if (!Token.isUnresolved(region) && !HOME_REGION.equals(region)) {
            throw new IllegalArgumentException("CostGuardrails must be in a " + HOME_REGION + " stack: AWS Budgets and"
                    + " Cost Anomaly Detection resources exist only there. Its stack is in " + region + ".");
        }
        alerts = new NotificationTopic(this, "Alerts", NotificationTopicProps.builder()
                .topicName(alertTopicName(props.getStage()))
                .displayName("Cost alerts (" + props.getStage() + ")")
                .encryption(props.getTopicEncryption())
                .publishingServices(List.of("budgets.amazonaws.com", "costalerts.amazonaws.com"))
                .build());
        // SNS keeps a subscription's undeliverable messages only in a queue of the subscription's (the
        // topic's) region: the pipeline's intake may be in another region, so the queue lives here.
        subscriptionDeadLetters = new DeadLetterQueue(this, "SubscriptionDeadLetterQueue",
                "cost alerts SNS could not deliver to the pipeline's intake", subscriptionDeadLetterQueueName(props.getStage()));
        subscriptionDeadLetters.getQueue().addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("sns.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(subscriptionDeadLetters.getQueue().getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", alerts.getTopic().getTopicArn())))
                .build());
        String tagFilter = "user:" + props.getStageTagKey() + "$" + props.getStage();

        List<CfnBudget.NotificationWithSubscribersProperty> notifications = new ArrayList<>();
        for (BudgetThreshold threshold : props.getThresholds()) {
            List<CfnBudget.SubscriberProperty> subscribers = new ArrayList<>();
            subscribers.add(CfnBudget.SubscriberProperty.builder()
                    .subscriptionType("SNS").address(alerts.getTopic().getTopicArn()).build());
            props.getEmails().forEach(email -> subscribers.add(CfnBudget.SubscriberProperty.builder()
                    .subscriptionType("EMAIL").address(email).build()));
            notifications.add(CfnBudget.NotificationWithSubscribersProperty.builder()
                    .notification(CfnBudget.NotificationProperty.builder()
                            .notificationType(threshold.getNotificationType())
                            .comparisonOperator("GREATER_THAN")
                            .threshold(threshold.getPercent())
                            .thresholdType("PERCENTAGE")
                            .build())
                    .subscribers(subscribers)
                    .build());
        }
        budget = CfnBudget.Builder.create(this, "Budget")
                .budget(CfnBudget.BudgetDataProperty.builder()
                        .budgetName("incident-pipeline-" + props.getStage())
                        .budgetType("COST")
                        .timeUnit("MONTHLY")
                        .budgetLimit(CfnBudget.SpendProperty.builder()
                                .amount(props.getMonthlyLimitUsd()).unit("USD").build())
                        .costFilters(Map.of("TagKeyValue", List.of(tagFilter)))
                        .build())
                .notificationsWithSubscribers(notifications)
                .build();
        // Budgets checks the topic policy when the budget is created.
        budget.getNode().addDependency(alerts);

        anomalyMonitor = CfnAnomalyMonitor.Builder.create(this, "AnomalyMonitor")
                .monitorName("incident-pipeline-" + props.getStage())
                .monitorType("CUSTOM")
                .monitorSpecification("{\"Tags\":{\"Key\":\"" + props.getStageTagKey() + "\",\"Values\":[\""
                        + props.getStage() + "\"],\"MatchOptions\":[\"EQUALS\"]}}")
                .build();
        CfnAnomalySubscription subscription = CfnAnomalySubscription.Builder.create(this, "AnomalySubscription")
                .subscriptionName("incident-pipeline-" + props.getStage())
                .frequency("IMMEDIATE") // the only frequency that can notify an SNS topic
                .monitorArnList(List.of(anomalyMonitor.getAttrMonitorArn()))
                .subscribers(List.of(CfnAnomalySubscription.SubscriberProperty.builder()
                        .type("SNS").address(alerts.getTopic().getTopicArn()).build()))
                .thresholdExpression("{\"Dimensions\":{\"Key\":\"ANOMALY_TOTAL_IMPACT_ABSOLUTE\",\"MatchOptions\":"
                        + "[\"GREATER_THAN_OR_EQUAL\"],\"Values\":[\"" + props.getAnomalyImpactUsd().toPlainString() + "\"]}}")
                .build();
        subscription.getNode().addDependency(alerts);
    }

    /**
     * @param stage the stage's name
     * @return the alert topic's name for {@code stage}: deterministic, so the pipeline's intake in
     *     another region can subscribe by ARN without a cross-region reference
     */
    public static String alertTopicName(String stage) {
        return "incident-pipeline-" + stage + "-cost-alerts";
    }

    /**
     * @param stage the stage's name
     * @return the name of the queue that keeps what the alert topic could not deliver to a subscriber:
     *     deterministic, so the intake in another region can name it by ARN
     */
    public static String subscriptionDeadLetterQueueName(String stage) {
        return "incident-pipeline-" + stage + "-cost-alerts-dlq";
    }

    /** @return the queue (in the topic's region, as SNS requires) for the alert topic's subscriptions' undeliverable messages */
    public IQueue getSubscriptionDeadLetterQueue() {
        return subscriptionDeadLetters.getQueue();
    }

    /** @return the budget */
    public CfnBudget getBudget() {
        return budget;
    }

    /** @return the anomaly monitor */
    public CfnAnomalyMonitor getAnomalyMonitor() {
        return anomalyMonitor;
    }

    /** @return the topic budget and anomaly notifications are published to */
    public ITopic getAlertTopic() {
        return alerts.getTopic();
    }
}
