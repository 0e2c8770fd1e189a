package io.incidentpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.SynthesizedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Names that live in the account and region (API names, alarms, sampling rules, log groups, secrets,
 * tables, topics, queues, buses, …) must not collide between two stages of the app and two pipelines
 * of a consumer, all deployed into one account and region; account-wide settings exist once.
 */
class AccountScopedNamesTest {
    /** Resource type → the property path of its account-scoped name. */
    private static final Map<String, String> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::ApiGateway::RestApi", "Name"),
            Map.entry("AWS::XRay::SamplingRule", "SamplingRule/RuleName"),
            Map.entry("AWS::SecretsManager::Secret", "Name"),
            Map.entry("AWS::DynamoDB::GlobalTable", "TableName"),
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::CloudWatch::Dashboard", "DashboardName"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::Events::EventBus", "Name"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::Events::Archive", "ArchiveName"),
            Map.entry("AWS::Events::Connection", "Name"),
            Map.entry("AWS::EventSchemas::Registry", "RegistryName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::IAM::Role", "RoleName"),
            Map.entry("AWS::Budgets::Budget", "Budget/BudgetName"),
            Map.entry("AWS::CE::AnomalyMonitor", "MonitorName"),
            Map.entry("AWS::Scheduler::Schedule", "Name"),
            Map.entry("AWS::WAFv2::WebACL", "Name"));

    private static final List<CloudAssemblyView> ASSEMBLIES = new ArrayList<>();

    @BeforeAll
    static void synthesizeEverythingIntoOneAccount() throws IOException {
        for (String stage : List.of("dev-alice", "dev-bob", "staging")) {
            ASSEMBLIES.add(new CloudAssemblyView(SynthesizedApp.synthesize(Map.of("stage", stage,
                    "account", "123456789012", "monitoring", "true")).outdir()));
        }
        App consumer = new App(AppProps.builder()
                .outdir(Files.createTempDirectory(Path.of("target"), "two-pipelines-").toString()).build());
        Stack stack = new Stack(consumer, "Payments", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());
        // One scope per pipeline: each names its table, secrets and key as its scope's children.
        new IncidentPipeline(new Construct(stack, "CardsTeam"), "Cards", IncidentPipelineProps.builder().disposable(true).build());
        new IncidentPipeline(new Construct(stack, "TransfersTeam"), "Transfers",
                IncidentPipelineProps.builder().disposable(true).build());
        consumer.synth();
        ASSEMBLIES.add(new CloudAssemblyView(Path.of(consumer.getOutdir())));
    }

    @Test
    void shouldGiveEveryAccountScopedResourceItsOwnName() {
        Map<String, List<String>> owners = new HashMap<>();
        for (CloudAssemblyView assembly : ASSEMBLIES) {
            assembly.stacks().values().forEach(stack -> stack.template().path("Resources").fields().forEachRemaining(e -> {
                String type = e.getValue().path("Type").asText();
                String property = NAME_PROPERTIES.get(type);
                if (property == null) {
                    return;
                }
                JsonNode name = e.getValue().path("Properties").at("/" + property);
                if (!name.isMissingNode()) {
                    String key = type + " " + stack.region() + " " + flatten(name, stack.id());
                    owners.computeIfAbsent(key, k -> new ArrayList<>()).add(stack.id() + "/" + e.getKey());
                }
            }));
        }
        assertThat(owners).isNotEmpty();
        assertThat(owners.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString))
                .as("names shared by two resources of one account and region").isEmpty();
        assertThat(owners.keySet()).as("the default name CDK gives a REST API").noneMatch(k ->
                k.equals("AWS::ApiGateway::RestApi us-east-1 Resource"));
    }

    /** API Gateway's account setting is one per account and region: at most one stack may hold it, shared by all. */
    @Test
    void shouldHoldApiGatewaysAccountSettingInOneSharedStackOnly() {
        Map<String, List<String>> holders = new HashMap<>();
        for (CloudAssemblyView assembly : ASSEMBLIES) {
            assembly.stacks().values().forEach(stack -> stack.template().path("Resources").forEach(r -> {
                if ("AWS::ApiGateway::Account".equals(r.path("Type").asText())) {
                    holders.computeIfAbsent(stack.region(), k -> new ArrayList<>()).add(stack.id());
                }
            }));
        }
        assertThat(holders.get("us-east-1")).isNotEmpty()
                .allSatisfy(id -> assertThat(id).isEqualTo("IncidentPipeline-apigateway-account-us-east-1"));
    }

    /** A name with references: each resolved to a token unique to the stack it is in. */
    private static String flatten(JsonNode value, String stackId) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            return "${" + value.path("Ref").asText() + "@" + stackId + "}";
        }
        if (value.has("Fn::GetAtt")) {
            return "${" + value.path("Fn::GetAtt").toString() + "@" + stackId + "}";
        }
        StringBuilder text = new StringBuilder();
        JsonNode parts = value.has("Fn::Join") ? value.path("Fn::Join").path(1) : value;
        parts.forEach(part -> text.append(flatten(part, stackId)));
        return text.toString();
    }
}
