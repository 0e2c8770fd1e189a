package io.incidentpipeline.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentpipeline.SynthesizedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.event.ruler.Machine;

/**
 * Who can make the built-in remediations act, as the synthesized template shows it: the rule of each
 * remediation matched with AWS's own pattern engine (Event Ruler) against the {@code Incident Opened}
 * events the publisher really emitted for real finding shapes (lambda-src's
 * {@code RemediationPlaybooksTest} writes them to {@code target/remediation-events}), and against
 * those events changed one field at a time into what must not trigger; the bus policy that keeps
 * other principals from putting such events; and the playbook roles that can write only run records.
 */
class RemediationTriggersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("lambda-src", "target", "remediation-events");
    private static final String ACCOUNT = "123456789012";

    private static SynthesizedApp app;
    private static Template template;
    private static Machine machine;
    private static String blockRule;
    private static String revokeRule;

    @BeforeAll
    static void synthesize() throws Exception {
        app = SynthesizedApp.synthesize(Map.of("account", ACCOUNT, "playbooks", "block-public-bucket,revoke-open-ingress"));
        template = app.template();
        machine = new Machine();
        var resources = app.templateJson().path("Resources").fields();
        while (resources.hasNext()) {
            var entry = resources.next();
            if ("AWS::Events::Rule".equals(entry.getValue().path("Type").asText()) && entry.getKey().startsWith("Playbook")) {
                machine.addRule(entry.getKey(), entry.getValue().path("Properties").path("EventPattern").toString());
                if (entry.getKey().contains("blockpublicbucket")) {
                    blockRule = entry.getKey();
                } else if (entry.getKey().contains("revokeopeningress")) {
                    revokeRule = entry.getKey();
                }
            }
        }
        assertThat(blockRule).isNotNull();
        assertThat(revokeRule).isNotNull();
    }

    private static ObjectNode event(String name) throws Exception {
        Path file = EVENTS.resolve(name + ".json");
        assertThat(file).as("%s is written by lambda-src's RemediationPlaybooksTest; build lambda-src first", file).exists();
        return (ObjectNode) JSON.readTree(Files.readString(file));
    }

    private static List<String> rulesFor(JsonNode event) throws Exception {
        return machine.rulesForJSONEvent(event.toString());
    }

    @Test
    void shouldRunEachRemediation_forTheRealFindingsItsTriggersName() throws Exception {
        for (String name : List.of("securityhub-s3-8-1", "guardduty-s3-public-access-granted-1")) {
            assertThat(rulesFor(event(name))).as(name).containsExactly(blockRule);
        }
        for (String name : List.of("guardduty-port-probe-1", "securityhub-ec2-19-1", "securityhub-ec2-13-1")) {
            assertThat(rulesFor(event(name))).as(name).containsExactly(revokeRule);
        }
    }

    @Test
    void shouldRunNoRemediation_forRealFindingsNoTriggerAllows() throws Exception {
        // A Security Hub finding of a third-party product posing as control S3.8; a GuardDuty sample finding;
        // a finding about another account's resource; a GuardDuty type no trigger names, rated low.
        for (String name : List.of("securityhub-third-party-1", "guardduty-port-probe-sample-1",
                "guardduty-port-probe-member-account-1", "guardduty-s3-finding-1")) {
            assertThat(rulesFor(event(name))).as(name).isEmpty();
        }
    }

    /** What must not trigger a remediation, each one change to an event that does. */
    private static Map<String, Consumer<ObjectNode>> forgeries(String otherKind, String targetLabel) {
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("a generic webhook alert carrying the target label", e -> {
            detail(e).put("source", "generic");
            detail(e).remove("provenance");
        });
        cases.put("no provenance (any source the pipeline cannot verify)", e -> detail(e).remove("provenance"));
        cases.put("provenance not verified by the pipeline", e -> provenance(e).put("verifiedBy", "webhook"));
        cases.put("a Security Hub finding of the importer's own product", e -> provenance(e).put("product", ACCOUNT + "/default"));
        cases.put("a third-party product", e -> provenance(e).put("product", "crowdstrike/crowdstrike-falcon"));
        cases.put("another finding type or control", e -> {
            provenance(e).put("findingType", otherKind);
            provenance(e).put("controlId", otherKind);
        });
        cases.put("severity info", e -> detail(e).put("severity", "info"));
        cases.put("a sample finding", e -> provenance(e).put("sample", true));
        cases.put("a resource of another account", e -> provenance(e).put("awsAccount", "210987654321"));
        cases.put("a resource of another region", e -> provenance(e).put("awsRegion", "eu-west-1"));
        cases.put("an archived finding", e -> provenance(e).put("findingState", "ARCHIVED"));
        cases.put("a suppressed finding", e -> provenance(e).put("findingState", "SUPPRESSED"));
        cases.put("a resolved finding", e -> provenance(e).put("findingState", "RESOLVED"));
        cases.put("an event put on the bus by another account", e -> e.put("account", "210987654321"));
        cases.put("an event of another source than the pipeline", e -> e.put("source", "custom.forged"));
        cases.put("an update of the incident", e -> e.put("detail-type", "Incident Updated"));
        cases.put("the incident's resolution", e -> {
            e.put("detail-type", "Incident Resolved");
            detail(e).put("status", "RESOLVED");
        });
        cases.put("an opened incident already resolved", e -> detail(e).put("status", "RESOLVED"));
        cases.put("a playbook's result", e -> e.put("detail-type", "Playbook Succeeded"));
        cases.put("no target label", e -> ((ObjectNode) detail(e).get("labels")).remove(targetLabel));
        return cases;
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static ObjectNode provenance(ObjectNode event) {
        return (ObjectNode) detail(event).get("provenance");
    }

    private static void assertNoRuleMatches(String base, Map<String, Consumer<ObjectNode>> cases) throws Exception {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
        List<String> matched = new ArrayList<>();
        for (Map.Entry<String, Consumer<ObjectNode>> forgery : cases.entrySet()) {
            ObjectNode event = event(base);
            forgery.getValue().accept(event);
            if (!rulesFor(event).isEmpty()) {
                matched.add(forgery.getKey() + " -> " + rulesFor(event));
            }
        }
        assertThat(matched).as("events from %s that must trigger no remediation", base).isEmpty();
    }

    @Test
    void shouldNotBlockABucket_forAnyOfTwentyNearMissesOfARealFinding() throws Exception {
        assertNoRuleMatches("securityhub-s3-8-1", withExtra(forgeries("S3.1", "s3Bucket"), "a failed control"
                + " finding that passed since", e -> provenance(e).put("complianceStatus", "PASSED"),
                "severity low, under the control trigger's minimum", e -> detail(e).put("severity", "low")));
        assertNoRuleMatches("guardduty-s3-public-access-granted-1", withExtra(forgeries(
                "Policy:S3/BucketBlockPublicAccessDisabled", "s3Bucket"), "severity low, under GuardDuty's S3 trigger minimum",
                e -> detail(e).put("severity", "low"), "the bucket named as a security group",
                e -> {
                    ObjectNode labels = (ObjectNode) detail(e).get("labels");
                    labels.put("securityGroupId", labels.remove("s3Bucket").asText());
                }));
    }

    @Test
    void shouldNotRevokeIngress_forAnyOfTwentyNearMissesOfARealFinding() throws Exception {
        assertNoRuleMatches("guardduty-port-probe-1", withExtra(forgeries("Recon:EC2/Portscan", "securityGroupId"),
                "the finding type of another remediation", e -> provenance(e).put("findingType",
                        "Policy:S3/BucketPublicAccessGranted"),
                "a Security Hub control id on a GuardDuty finding", e -> {
                    provenance(e).remove("findingType");
                    provenance(e).put("controlId", "EC2.19");
                }));
        assertNoRuleMatches("securityhub-ec2-19-1", withExtra(forgeries("EC2.2", "securityGroupId"),
                "a failed control finding that passed since", e -> provenance(e).put("complianceStatus", "PASSED"),
                "a bucket control", e -> provenance(e).put("controlId", "S3.8")));
    }

    private static Map<String, Consumer<ObjectNode>> withExtra(Map<String, Consumer<ObjectNode>> cases, String name1,
            Consumer<ObjectNode> case1, String name2, Consumer<ObjectNode> case2) {
        cases.put(name1, case1);
        cases.put(name2, case2);
        return cases;
    }

    @Test
    void shouldLetOnlyThePublisherPutEventsWithThePipelinesSourceOnTheBus() {
        template.hasResourceProperties("AWS::Events::EventBusPolicy", Match.objectLike(Map.of(
                "Statement", Match.objectLike(Map.of(
                        "Sid", "cdk-OnlyPipelinePublishersPutIncidentEvents",
                        "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"),
                        "Action", "events:PutEvents",
                        "Condition", Match.objectLike(Map.of(
                                "StringEquals", Map.of("events:source", "incident-pipeline"),
                                "ArnNotEquals", Map.of("aws:PrincipalArn", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("PublisherFunction.*Role.*"),
                                                "Arn"))))))))))))));
        JsonNode policy = app.templateJson().path("Resources").findParents("Statement").stream()
                .filter(node -> node.path("Statement").path("Sid").asText().endsWith("OnlyPipelinePublishersPutIncidentEvents"))
                .findFirst().orElseThrow();
        // The publisher, the sweeper (escalation levels, takeovers) and the account root only: no playbook,
        // no intake may put the pipeline's events.
        assertThat(policy.path("Statement").path("Condition").path("ArnNotEquals").path("aws:PrincipalArn").toString())
                .contains("PublisherFunction", "SweeperFunction", ":root");
        assertThat(policy.path("Statement").path("Condition").path("ArnNotEquals").path("aws:PrincipalArn")).hasSize(3);
    }

    @Test
    void shouldLetPlaybookRolesWriteOnlyIncidentPartitions_neverACurrentIncident() {
        List<JsonNode> playbookPolicies = new ArrayList<>();
        app.templateJson().path("Resources").fields().forEachRemaining(entry -> {
            if ("AWS::IAM::Policy".equals(entry.getValue().path("Type").asText()) && entry.getKey().startsWith("Playbook")
                    && entry.getKey().contains("DefaultPolicy")) {
                playbookPolicies.add(entry.getValue().path("Properties").path("PolicyDocument"));
            }
        });
        assertThat(playbookPolicies).hasSize(2);
        for (JsonNode document : playbookPolicies) {
            List<JsonNode> tableWrites = new ArrayList<>();
            document.path("Statement").forEach(statement -> {
                if (statement.path("Action").toString().matches(".*dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem).*")) {
                    tableWrites.add(statement);
                }
            });
            assertThat(tableWrites).singleElement().satisfies(write -> {
                assertThat(write.path("Action").toString()).isEqualTo("[\"dynamodb:PutItem\",\"dynamodb:UpdateItem\"]");
                assertThat(write.path("Condition").toString())
                        .isEqualTo("{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"INC#*\"]}}");
            });
        }
    }
}
