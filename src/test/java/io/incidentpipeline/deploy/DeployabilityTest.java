package io.incidentpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.SynthesizedApp;
import io.incidentpipeline.deploy.CloudAssemblyView.StackView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classes of defect that synthesize cleanly and fail at deploy time, checked over every stack of a
 * matrix of configurations: a reference to something a later stack creates, an association across
 * regions that the service refuses, a function logging to a group that never expires.
 */
class DeployabilityTest {
    private static final Map<String, Object> DOMAIN = Map.of("domainName", "alerts.example.com",
            "hostedZoneId", "Z0123456789ABC", "hostedZoneName", "example.com", "account", "123456789012");
    private static final Pattern ARN_REGION = Pattern.compile("^arn:[^:]+:[^:]+:([a-z]{2}(-[a-z]+)+-\\d):");

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("default (stage dev)", Map.of()),
                Arguments.of("developer sandbox", Map.of("stage", "dev-alice", "playbooks", "block-public-bucket")),
                Arguments.of("three-region prod, latency, every option", with(DOMAIN, "stage", "prod",
                        "regions", "us-east-1,eu-west-1,ap-southeast-2", "awsSources", "cloudwatch,guardduty,securityhub,health",
                        "playbooks", "block-public-bucket,revoke-open-ingress,drift-detection",
                        "alertSources", "generic,datadog,pagerduty", "notifyEmails", "oncall@example.com")),
                Arguments.of("two-region failover", with(DOMAIN, "stage", "prod", "regions", "us-east-1,eu-west-1",
                        "routing", "failover")),
                Arguments.of("primary outside us-east-1, failover", with(DOMAIN, "stage", "staging",
                        "regions", "eu-west-1,eu-central-1", "routing", "failover", "notifyEmails", "oncall@example.com")),
                Arguments.of("strong consistency", Map.of("stage", "prod", "regions", "us-east-1,us-east-2,us-west-2",
                        "consistency", "strong")));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> map = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    private static CloudAssemblyView assembly(Map<String, Object> context) {
        return new CloudAssemblyView(SynthesizedApp.synthesize(context).outdir());
    }

    /** Route 53 refuses an alias to a record that does not exist yet; CloudFormation an import of an export not yet made. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void shouldReferOnlyToWhatStacksDeployedEarlierCreate(String name, Map<String, Object> context) {
        CloudAssemblyView assembly = assembly(context);
        Map<String, List<String>> recordCreators = new HashMap<>();
        Map<String, String> exporters = new HashMap<>();
        assembly.stacks().values().forEach(stack -> {
            resources(stack, "AWS::Route53::RecordSet").forEach(r -> {
                JsonNode recordName = r.path("Properties").path("Name");
                if (recordName.isTextual()) {
                    recordCreators.computeIfAbsent(dns(recordName.asText()), k -> new ArrayList<>()).add(stack.id());
                }
            });
            stack.template().path("Outputs").forEach(o -> {
                if (o.path("Export").path("Name").isTextual()) {
                    exporters.put(o.path("Export").path("Name").asText(), stack.id());
                }
            });
        });
        List<String> problems = new ArrayList<>();
        assembly.stacks().values().forEach(stack -> {
            resources(stack, "AWS::Route53::RecordSet").forEach(r -> {
                JsonNode target = r.path("Properties").path("AliasTarget").path("DNSName");
                List<String> creators = target.isTextual() ? recordCreators.get(dns(target.asText())) : null;
                if (creators != null && creators.stream().noneMatch(c -> assembly.existsWhenDeploying(stack.id(), c))) {
                    problems.add(stack.id() + " aliases " + target.asText() + ", created only by " + creators
                            + ", which deploy later");
                }
            });
            imports(stack.template(), new ArrayList<>()).forEach(exportName -> {
                String exporter = exporters.get(exportName);
                if (exporter != null && !assembly.existsWhenDeploying(stack.id(), exporter)) {
                    problems.add(stack.id() + " imports " + exportName + " from " + exporter + ", which deploys later");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    /** SNS wants a subscription's dead-letter queue in its region; EventBridge a rule's too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void shouldKeepEveryDeadLetterQueueInTheRegionOfWhatUsesIt(String name, Map<String, Object> context) {
        List<String> problems = new ArrayList<>();
        assembly(context).stacks().values().forEach(stack -> {
            resources(stack, "AWS::SNS::Subscription").forEach(s -> {
                JsonNode props = s.path("Properties");
                String region = props.path("Region").isTextual() ? props.path("Region").asText() : stack.region();
                String dlqRegion = regionOf(props.path("RedrivePolicy").path("deadLetterTargetArn"), stack.region());
                if (dlqRegion != null && !dlqRegion.equals(region)) {
                    problems.add(stack.id() + ": a subscription in " + region + " has its dead-letter queue in " + dlqRegion);
                }
            });
            resources(stack, "AWS::Events::Rule").forEach(r -> r.path("Properties").path("Targets").forEach(t -> {
                String dlqRegion = regionOf(t.path("DeadLetterConfig").path("Arn"), stack.region());
                if (dlqRegion != null && !dlqRegion.equals(stack.region())) {
                    problems.add(stack.id() + ": a rule's target " + t.path("Id").asText() + " has its dead-letter queue in " + dlqRegion);
                }
            }));
        });
        assertThat(problems).isEmpty();
    }

    /** A function without a log group of its own logs to one Lambda creates, which never expires. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void shouldGiveEveryFunctionALogGroupThatExpires(String name, Map<String, Object> context) {
        List<String> problems = new ArrayList<>();
        assembly(context).stacks().values().forEach(stack -> {
            JsonNode resources = stack.template().path("Resources");
            resources.fields().forEachRemaining(entry -> {
                if (!"AWS::Lambda::Function".equals(entry.getValue().path("Type").asText())) {
                    return;
                }
                JsonNode logGroup = entry.getValue().path("Properties").path("LoggingConfig").path("LogGroup").path("Ref");
                JsonNode group = resources.path(logGroup.asText());
                if (!"AWS::Logs::LogGroup".equals(group.path("Type").asText())
                        || !group.path("Properties").path("RetentionInDays").isNumber()) {
                    problems.add(stack.id() + "/" + entry.getKey());
                }
            });
        });
        assertThat(problems).as("functions logging to a group without retention").isEmpty();
    }

    /** `cdk destroy` of a sandbox removes everything it made; only the account-level stack shared by every stage stays. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "dev-alice"})
    void shouldLeaveNothingBehindWhenASandboxIsDestroyed(String stage) {
        List<String> retained = new ArrayList<>();
        assembly(Map.of("stage", stage, "awsSources", "guardduty", "playbooks", "block-public-bucket,drift-detection"))
                .stacks().values().forEach(stack -> {
                    if (stack.id().startsWith("IncidentPipeline-apigateway-account-")) {
                        return;
                    }
                    stack.template().path("Resources").fields().forEachRemaining(e -> {
                        String deletion = e.getValue().path("DeletionPolicy").asText("Delete");
                        String replace = e.getValue().path("UpdateReplacePolicy").asText("Delete");
                        if (!"Delete".equals(deletion) || !"Delete".equals(replace)) {
                            retained.add(stack.id() + "/" + e.getKey() + " (" + deletion + ")");
                        }
                    });
                });
        assertThat(retained).as("resources a sandbox's destroy would leave behind").isEmpty();
    }

    private static List<JsonNode> resources(StackView stack, String type) {
        List<JsonNode> found = new ArrayList<>();
        stack.template().path("Resources").forEach(r -> {
            if (type.equals(r.path("Type").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    private static List<String> imports(JsonNode node, List<String> found) {
        if (node.has("Fn::ImportValue") && node.path("Fn::ImportValue").isTextual()) {
            found.add(node.path("Fn::ImportValue").asText());
        }
        node.forEach(child -> imports(child, found));
        return found;
    }

    /**
     * @return the region an ARN value names: the stack's for a reference to one of its resources or to
     *         {@code AWS::Region}, the literal one for a written ARN; null when absent or not known at synth
     */
    private static String regionOf(JsonNode value, String stackRegion) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.has("Fn::GetAtt") || value.has("Ref")) {
            return stackRegion;
        }
        String text = value.isTextual() ? value.asText() : flatten(value, stackRegion);
        Matcher m = ARN_REGION.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String flatten(JsonNode value, String stackRegion) {
        if (value.isTextual()) {
            return value.asText();
        }
        if ("AWS::Region".equals(value.path("Ref").asText())) {
            return stackRegion;
        }
        StringBuilder text = new StringBuilder();
        JsonNode parts = value.has("Fn::Join") ? value.path("Fn::Join").path(1) : value;
        parts.forEach(part -> text.append(flatten(part, stackRegion)));
        return text.toString();
    }

    private static String dns(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
