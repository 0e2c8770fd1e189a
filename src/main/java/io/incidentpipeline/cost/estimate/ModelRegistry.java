package io.incidentpipeline.cost.estimate;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which model prices which CloudFormation type. A type with no model is listed with $0 and the
 * note "not priced by the model", so a reviewer sees every resource the estimate leaves out.
 */
final class ModelRegistry {
    /** Types whose cost depends on the per-probe cost of the rest: priced in the second pass. */
    static final Set<String> SECOND_PASS = Set.of("AWS::Route53::HealthCheck");

    private static final Map<String, ResourceModel> MODELS = new HashMap<>();
    private static final ResourceModel CUSTOM_RESOURCE = (resource, ctx) -> ModelCost.noCharge(
            "custom resource: runs its provider function when the stack deploys, not per alert");

    static {
        MODELS.put("AWS::Lambda::Function", new LambdaFunctionModel());
        MODELS.put("AWS::Lambda::Alias", new LambdaAliasModel());
        TableModel table = new TableModel();
        TableModel.TYPES.forEach(type -> MODELS.put(type, table));
        ApiModel api = new ApiModel();
        MODELS.put(ApiModel.REST, api);
        MODELS.put(ApiModel.V2, api);
        MODELS.put("AWS::WAFv2::WebACL", new WebAclModel());
        MODELS.put("AWS::Events::EventBus", new EventBusModel());
        MODELS.put("AWS::Events::Archive", new EventArchiveModel());
        SnsModel sns = new SnsModel();
        MODELS.put("AWS::SNS::Topic", sns);
        MODELS.put("AWS::SNS::Subscription", sns);
        MODELS.put("AWS::SQS::Queue", new QueueModel());
        MODELS.put("AWS::Logs::LogGroup", new LogGroupModel());
        MODELS.put("AWS::KMS::Key", new KmsKeyModel());
        MODELS.put("AWS::SecretsManager::Secret", new SecretModel());
        MODELS.put("AWS::CloudWatch::Alarm", new AlarmModel());
        MODELS.put("AWS::Route53::HealthCheck", new HealthCheckModel());
        fixed("AWS::CloudWatch::CompositeAlarm", Price.ALARM_COMPOSITE, "composite alarm");
        fixed("AWS::CloudWatch::Dashboard", Price.DASHBOARD, "dashboard (the account's first 3 are free, not deducted)");
        fixed("AWS::Route53::HostedZone", Price.ROUTE53_HOSTED_ZONE,
                "hosted zone; senders' DNS queries are cached and not per alert");
        fixed("AWS::Budgets::Budget", Price.BUDGET, "budgets without actions are free");
        fixed("AWS::CE::AnomalyMonitor", Price.ANOMALY_DETECTION, "Cost Anomaly Detection is free");
        fixed("AWS::CE::AnomalySubscription", Price.ANOMALY_DETECTION, "Cost Anomaly Detection is free");
        fixed("AWS::CertificateManager::Certificate", Price.ACM_PUBLIC_CERTIFICATE, "public certificates are free");

        noCharge("IAM: no charge", "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
                "AWS::IAM::InstanceProfile");
        noCharge("Lambda configuration: no charge", "AWS::Lambda::Permission", "AWS::Lambda::EventInvokeConfig");
        noCharge("a published version: no charge (SnapStart adds none for Java)", "AWS::Lambda::Version");
        noCharge("reading a DynamoDB stream from Lambda is not billed; filtered-out records invoke nothing",
                "AWS::Lambda::EventSourceMapping");
        noCharge("API configuration: no charge", "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method",
                "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Model", "AWS::ApiGateway::RequestValidator",
                "AWS::ApiGateway::GatewayResponse", "AWS::ApiGateway::Account", "AWS::ApiGateway::BasePathMapping",
                "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration");
        noCharge("custom domain name: no charge (its ACM certificate is free)", "AWS::ApiGateway::DomainName",
                "AWS::ApiGatewayV2::DomainName", "AWS::ApiGatewayV2::ApiMapping");
        noCharge("stage: access logs priced on their log group, tracing on the API; execution logs at ERROR level"
                + " only on errors (not modeled)", "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Stage");
        noCharge("resource policy: no charge", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",
                "AWS::Logs::ResourcePolicy", "AWS::Events::EventBusPolicy");
        noCharge("rule matching and delivery to targets are included in the event price", "AWS::Events::Rule");
        noCharge("alias: no charge", "AWS::KMS::Alias");
        noCharge("priced on its web ACL", "AWS::WAFv2::WebACLAssociation");
        noCharge("records: queries are made by senders and cached, alias queries to AWS resources are free",
                "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup");
        noCharge("CDK version reporting: not a billed resource", "AWS::CDK::Metadata");
        noCharge("custom schema registries and schemas are free (only schema discovery is billed)",
                "AWS::EventSchemas::Registry", "AWS::EventSchemas::Schema");
        noCharge("sampling rules are free; one that samples none of the health path removes the probes' traces",
                "AWS::XRay::SamplingRule");
        noCharge("metric filters are free; the custom metric one publishes is billed only in a month it receives"
                + " data (a 401 for the authentication filter: not modeled)", "AWS::Logs::MetricFilter");
    }

    private ModelRegistry() {
    }

    private static void fixed(String type, Price price, String note) {
        MODELS.put(type, new FixedMonthlyModel(price, note));
    }

    private static void noCharge(String note, String... types) {
        for (String type : types) {
            MODELS.put(type, (resource, ctx) -> ModelCost.noCharge(note));
        }
    }

    /** @return the model for {@code type}; for an unknown type, one that lists it as not priced */
    static ResourceModel forType(String type) {
        if (type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource")) {
            // The provider function is priced on its own row; the custom resource bills nothing.
            return CUSTOM_RESOURCE;
        }
        return MODELS.getOrDefault(type, (resource, ctx) -> ModelCost.notPriced(""));
    }
}
