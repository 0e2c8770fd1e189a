package io.incidentpipeline.cost.estimate;

import static io.incidentpipeline.cost.estimate.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Figures of the two hand-written templates, computed by hand from the bundled price table and
 * traffic model (new incidents 20%, routed 5%, ingest 40 ms, publisher 25 ms, playbook 60 ms,
 * 800 B per invocation, 600 B per access-log line, X-Ray 5%, items 1,000 B).
 */
class CostEstimatorTest {
    private static final Offset<Double> EXACT = within(1e-9);

    // ---- sandbox: 3 × 512 MB arm64, 1 replica, traced REST stage, bus, 1 secret, no KMS key ----

    private final CostEstimate sandbox = Fixtures.estimate("sandbox.template.json");

    @Test
    void sandboxHotPathPerMillionAlerts() {
        // 1 request × $3.50 + X-Ray of the traced stage: 5% × $5.00 = 3.50 + 0.25
        assertThat(row(sandbox, "Api").perMillionAlertsUsd()).isCloseTo(3.75, EXACT);
        // $0.20 + 1e6 × 0.5 GB × 0.040 s × $0.0000133334 = 0.20 + 0.266668; its trace is the stage's
        assertThat(row(sandbox, "IngestFunction").perMillionAlertsUsd()).isCloseTo(0.466668, EXACT);
        // $0.20 + 1e6 × 0.5 × 0.025 × 0.0000133334 (0.1666675) + X-Ray 5% × $5 (0.25)
        assertThat(row(sandbox, "PublisherFunction").perMillionAlertsUsd()).isCloseTo(0.6166675, EXACT);
        // 5% × ($0.20 + 1e6 × 0.5 × 0.060 × 0.0000133334 = 0.400002) + X-Ray 5% × 5% × $5
        //   = 0.0300001 + 0.0125
        assertThat(row(sandbox, "PlaybookFunction").perMillionAlertsUsd()).isCloseTo(0.0425001, EXACT);
        // writes (1 dedup + 0.2 × (1 index + 2 for its move on resolution) + 0.2 × 2 timeline entries
        // + 0.05 run record) = 2.05 × 1 replica × $0.625 = 1.28125, + 1 delivery id claim × $0.625
        // + 0.5 RRU (the incident item's eventually consistent read) × $0.125 = 0.0625
        // + ((0.2 + 0.05) × 1,000 B + 0.4 × 300 B) × 1e6 = 0.37 GB × 1 month × ($0.25 + $0.20 PITR) = 0.1665
        assertThat(row(sandbox, "Store").perMillionAlertsUsd()).isCloseTo(2.13525, EXACT);
        assertThat(row(sandbox, "Bus").perMillionAlertsUsd()).isCloseTo(1.00, EXACT);
    }

    @Test
    void sandboxLogsAreChargedToTheirLogGroups() {
        // 30 days = 1 month kept: $0.50 ingestion + $0.03 storage per GB (10^9 B)
        // ingest and publisher: 800 B × 1e6 = 0.8 GB × 0.53
        assertThat(row(sandbox, "IngestLogs").perMillionAlertsUsd()).isCloseTo(0.424, EXACT);
        assertThat(row(sandbox, "PublisherLogs").perMillionAlertsUsd()).isCloseTo(0.424, EXACT);
        // playbook: 800 B × 5% × 1e6 = 0.04 GB × 0.53
        assertThat(row(sandbox, "PlaybookLogs").perMillionAlertsUsd()).isCloseTo(0.0212, EXACT);
        // access log: 600 B × 1e6 = 0.6 GB × 0.53
        assertThat(row(sandbox, "AccessLogs").perMillionAlertsUsd()).isCloseTo(0.318, EXACT);
        assertThat(row(sandbox, "AccessLogs").idleMonthlyUsd()).isZero();
    }

    @Test
    void sandboxTotalsFloorAndRatio() {
        // idle: the secret only ($0.40); queues, logs, functions, table and bus cost nothing idle
        assertThat(sandbox.idleMonthlyUsd()).isCloseTo(0.40, EXACT);
        double perMillion = 3.75 + 0.466668 + 0.6166675 + 0.0425001 + 2.13525 + 1.00 + 0.424 + 0.424 + 0.0212 + 0.318;
        assertThat(sandbox.perMillionAlertsUsd()).isCloseTo(perMillion, EXACT).isCloseTo(9.1982856, EXACT);
        // floor: API request $3.50 + ingest request $0.20 + 1 WRU × 1 replica $0.625 + the delivery id's
        // claim, 1 WRU × 1 replica $0.625 + 1 event $1.00
        assertThat(sandbox.floorPerMillionAlertsUsd()).isCloseTo(5.95, EXACT);
        assertThat(sandbox.floor()).extracting(FloorItem::item).containsExactly("API Gateway REST API request",
                "Lambda request (ingest)", "DynamoDB write × 1 replica(s) (Store)",
                "DynamoDB delivery id claim × 1 × 1 replica(s) (Store)", "EventBridge custom event");
        // 9.1982856 / 5.95 = 1.546: above the 1.5 goal since the table carries the operator API's
        // indexes and the incidents' timelines ($0.55 of this fixture's $9.20)
        assertThat(sandbox.ratio()).hasValueCloseTo(9.1982856 / 5.95, EXACT);
        assertThat(sandbox.ratio().getAsDouble()).isGreaterThan(CostEstimate.RATIO_GOAL);
    }

    @Test
    void unknownTypesAreListedWithTheNoteAndConfigurationIsNoCharge() {
        ResourceCost bucket = row(sandbox, "Attachments");
        assertThat(bucket.kind()).isEqualTo(ResourceCost.Kind.NOT_PRICED);
        assertThat(bucket.note()).isEqualTo("not priced by the model");
        assertThat(bucket.idleMonthlyUsd()).isZero();
        assertThat(sandbox.resources(ResourceCost.Kind.NOT_PRICED)).extracting(ResourceCost::logicalId)
                .containsExactly("Attachments");
        assertThat(row(sandbox, "HandlerRole").kind()).isEqualTo(ResourceCost.Kind.NO_CHARGE);
        assertThat(row(sandbox, "PublisherDeadLetterQueue").note()).startsWith("receives only failures");
        // every resource of the template has a row
        assertThat(sandbox.resources()).hasSize(16);
    }

    // ---- prod: 3 replicas, WAF, KMS key on the topic, e-mail, 4 alarms, 2 string-matching checks ----

    private final CostEstimate prod = Fixtures.estimate("prod.template.json");

    @Test
    void prodPerMillionAlerts() {
        assertThat(row(prod, "Api").perMillionAlertsUsd()).isCloseTo(3.50, EXACT); // stage not traced
        // x86_64 (no Architectures) 1024 MB: $0.20 + 1e6 × 1.0 GB × 0.040 s × $0.0000166667 (0.666668)
        //   + X-Ray 5% × $5 (Active, and no traced stage starts the trace) = 1.116668
        assertThat(row(prod, "IngestFunction").perMillionAlertsUsd()).isCloseTo(1.116668, EXACT);
        assertThat(row(prod, "PublisherFunction").perMillionAlertsUsd()).isCloseTo(0.3666675, EXACT);
        // 0.0300001 + implicit /aws/lambda logs, never expiring (12 months): 0.04 GB × ($0.50 + 12 × $0.03)
        assertThat(row(prod, "PlaybookFunction").perMillionAlertsUsd()).isCloseTo(0.0300001 + 0.0344, EXACT);
        // (2.05 writes + 1 delivery id claim) × 3 replicas × $0.625 = 5.71875; 0.5 RRU × $0.125 = 0.0625;
        // 0.37 GB × (3 × $0.25 + 3 × $0.20) = 0.4995
        assertThat(row(prod, "Store").perMillionAlertsUsd()).isCloseTo(6.28075, EXACT);
        assertThat(row(prod, "Firewall").perMillionAlertsUsd()).isCloseTo(0.60, EXACT);
        // 1e6 × 1,000 B = 1 GB × ($0.10 + $0.023 × 90/30 months)
        assertThat(row(prod, "BusArchive").perMillionAlertsUsd()).isCloseTo(0.169, EXACT);
        assertThat(row(prod, "Notifications").perMillionAlertsUsd()).isCloseTo(0.025, EXACT); // 5% × $0.50
        // no rule targets the budget topic: nothing per alert
        assertThat(row(prod, "BudgetAlerts").perMillionAlertsUsd()).isZero();
        assertThat(row(prod, "BudgetAlerts").note()).isEqualTo("no incident rule targets it: no publishes per alert");
        assertThat(row(prod, "OnCallEmail").perMillionAlertsUsd()).isCloseTo(1.00, EXACT); // 50,000 × $2/100k
        // 5% × 1 request per publish × 1e6 × $0.03 / 10,000
        assertThat(row(prod, "NotificationsKey").perMillionAlertsUsd()).isCloseTo(0.15, EXACT);
        // 90 days = 3 months: $0.50 + 3 × $0.03 = $0.59 per GB
        assertThat(row(prod, "IngestLogs").perMillionAlertsUsd()).isCloseTo(0.8 * 0.59, EXACT);
        assertThat(row(prod, "AccessLogs").perMillionAlertsUsd()).isCloseTo(0.6 * 0.59, EXACT);
        assertThat(prod.perMillionAlertsUsd()).isCloseTo(15.5704856, EXACT);
        // floor: $3.50 + $0.20 + (1 write + 1 claim) × 3 replicas × $0.625 + $1.00; ratio 15.5704856 / 8.45 = 1.84
        assertThat(prod.floorPerMillionAlertsUsd()).isCloseTo(8.45, EXACT);
        assertThat(prod.ratio()).hasValueCloseTo(15.5704856 / 8.45, EXACT);
    }

    @Test
    void prodIdleResources() {
        assertThat(row(prod, "NotificationsKey").idleMonthlyUsd()).isCloseTo(1.00, EXACT);
        assertThat(row(prod, "NotificationsKey").note()).contains("rotation adds $1");
        assertThat(row(prod, "SigningSecret").idleMonthlyUsd()).isCloseTo(1.20, EXACT); // 1 + 2 replicas × $0.40
        assertThat(row(prod, "Firewall").idleMonthlyUsd()).isCloseTo(7.00, EXACT); // $5 + 2 rules × $1
        assertThat(row(prod, "ApiErrorsAlarm").idleMonthlyUsd()).isCloseTo(0.10, EXACT);
        assertThat(row(prod, "PublisherAgeAlarm").idleMonthlyUsd()).isCloseTo(0.10, EXACT); // math over 1 metric
        assertThat(row(prod, "ThrottleAlarm").idleMonthlyUsd()).isCloseTo(0.30, EXACT); // 10 s period
        assertThat(row(prod, "Zone").idleMonthlyUsd()).isCloseTo(0.50, EXACT);
        assertThat(row(prod, "StageBudget").idleMonthlyUsd()).isZero();
        assertThat(row(prod, "PlaybookDeadLetterQueue").kind()).isEqualTo(ResourceCost.Kind.PRICED);
    }

    @Test
    void healthChecksPriceTheirOptionsAndProbeTraffic() {
        // One probe along the API path: API $3.50/M + WAF $0.60/M + health function ($0.20/M + 1.0 GB
        // × 0.005 s × $0.0000166667) + health log 800 B and access log 600 B at $0.59/GB
        double perProbe = 3.5e-6 + 0.6e-6 + 0.2833335e-6 + 800 * 0.59e-9 + 600 * 0.59e-9; // 5.2093335e-6
        // PrimaryHealth: 2,592,000 s / 30 s × (8 regions × 2 checkers) = 1,382,400 probes
        // FastHealth:    2,592,000 s / 10 s × (3 regions × 2 checkers) = 1,555,200 probes
        // together 2,937,600 a month = 1.1333/s on the one API: the X-Ray reservoir takes 1/s, 5% of the
        // rest: (1 + 0.05 × 0.1333) × 2,592,000 = 2,609,280 traces × $5/M = 13.0464, split 8/17 : 9/17
        // /health is cached 10 s: 259,200 reads × 0.5 RRU × $0.125/M = 0.0162, split the same way
        double primary = 0.75 + 2 * 2.00 + 1_382_400 * perProbe + 13.0464 * 8 / 17 + 0.0162 * 8 / 17;
        double fast = 0.75 + 3 * 2.00 + 1_555_200 * perProbe + 13.0464 * 9 / 17 + 0.0162 * 9 / 17;
        assertThat(row(prod, "PrimaryHealth").idleMonthlyUsd()).isCloseTo(primary, EXACT).isCloseTo(18.0985, within(1e-4));
        assertThat(row(prod, "FastHealth").idleMonthlyUsd()).isCloseTo(fast, EXACT).isCloseTo(21.7671, within(1e-4));
        assertThat(row(prod, "PrimaryHealth").note()).contains("2 optional feature(s) (HTTPS, string matching) × $2.00")
                .contains("1,382,400 probes");
        assertThat(row(prod, "FastHealth").note())
                .contains("3 optional feature(s) (string matching, fast interval, latency measurement) × $2.00");
        assertThat(row(prod, "FastHealth").perMillionAlertsUsd()).isZero();
        // key 1.00 + secret 1.20 + alarms 0.60 + zone 0.50 + WAF 7.00 + the two checks
        assertThat(prod.idleMonthlyUsd()).isCloseTo(1.00 + 1.20 + 0.60 + 0.50 + 7.00 + primary + fast, EXACT);
    }

    @ParameterizedTest(name = "{0} every {1} s, latency {2}: {3} feature(s)")
    @CsvSource({
        "HTTP,            30, false, 0",
        "HTTPS,           30, false, 1",
        "HTTP_STR_MATCH,  30, false, 1",
        "HTTPS_STR_MATCH, 30, false, 2",
        "HTTPS_STR_MATCH, 10, true,  4",
        "TCP,             10, false, 1",
    })
    void optionalHealthCheckFeatures(String type, int interval, boolean latency, int features) {
        assertThat(HealthCheckModel.optionalFeatures(type, interval, latency)).hasSize(features);
    }

    @Test
    void alertsAreSplitBetweenRegionalStacks() {
        // The same sandbox stack twice, as two regions: each takes half the alerts, so the per-alert
        // regional figures add up to one stack's, while idle costs double.
        StackTemplate east = StackTemplate.load(Fixtures.template("sandbox.template.json"));
        StackTemplate west = new StackTemplate("sandbox-west", east.resources().stream()
                .map(r -> new TemplateResource("sandbox-west", r.logicalId(), r.type(), r.properties())).toList());
        CostEstimate both = CostEstimator.withDefaults().estimateTemplates(List.of(east, west));
        assertThat(both.resources().stream().filter(r -> r.logicalId().equals("Api"))
                .mapToDouble(ResourceCost::perMillionAlertsUsd).sum()).isCloseTo(3.75, EXACT);
        assertThat(both.idleMonthlyUsd()).isCloseTo(0.80, EXACT);
        assertThat(row(both, "IngestFunction").note()).contains("this stack takes 50% of the alerts");
    }

    @Test
    void provisionedTablePaysForItsCapacityWhileIdle() {
        StackTemplate template = StackTemplate.parse("""
                {"Resources": {"Table": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {
                  "BillingMode": "PROVISIONED",
                  "WriteProvisionedThroughputSettings": {"WriteCapacityAutoScalingSettings": {
                    "MinCapacity": 5, "MaxCapacity": 50,
                    "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50}}},
                  "Replicas": [
                    {"Region": "us-east-1", "ReadProvisionedThroughputSettings": {"ReadCapacityUnits": 10}},
                    {"Region": "eu-west-1", "ReadProvisionedThroughputSettings": {"ReadCapacityUnits": 10}}]}}}}
                """, "provisioned");
        ResourceCost table = CostEstimator.withDefaults().estimateTemplates(List.of(template)).resources().get(0);
        // 720 h × (5 WCU × 2 replicas × $0.00065 + 20 RCU × $0.00013) = 720 × (0.0065 + 0.0026)
        assertThat(table.idleMonthlyUsd()).isCloseTo(6.552, EXACT);
        // (1 write + 0.2 × 2 timeline entries + 1 delivery id claim) × 2 replicas × 1e6 / 3,600 writes per WCU-hour
        // × $0.00065 / 50% utilization (no index, no playbook) + storage (0.2 × 1,000 B + 0.4 × 300 B) × 1e6
        // = 0.32 GB × 2 × $0.25
        assertThat(table.perMillionAlertsUsd()).isCloseTo(2.4 * 2 * 1e6 / 3600 * 0.00065 / 0.5 + 0.32 * 2 * 0.25, EXACT);
    }

    @Test
    void malformedTemplateFailsNamingTheFile() {
        assertThatThrownBy(() -> Fixtures.estimate("malformed.template.json"))
                .isInstanceOf(CostModelException.class)
                .hasMessageContaining("malformed.template.json")
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> StackTemplate.parse("{\"Resources\": {\"Queue\": {\"Properties\": {}}}}", "no-type"))
                .isInstanceOf(CostModelException.class)
                .hasMessage("no-type: resource 'Resources.Queue' has no Type (is this a CloudFormation template?)");
        assertThatThrownBy(() -> StackTemplate.parse("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}", "empty"))
                .isInstanceOf(CostModelException.class)
                .hasMessage("empty: key 'Resources' must be a JSON object");
    }
}
