package io.incidentpipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.playbooks.Remediation;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineConfigTest {

    private static PipelineConfig read(Map<String, Object> context) {
        return PipelineConfig.from(context);
    }

    private static Map<String, Object> context(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    @Test
    void shouldUseDocumentedDefaults_whenContextIsEmpty() {
        PipelineConfig config = read(Map.of());

        assertThat(config.getStage().getName()).isEqualTo("dev");
        assertThat(config.getStage().isSandbox()).isTrue();
        assertThat(config.getRegions()).containsExactly("us-east-1");
        assertThat(config.getPrimaryRegion()).isEqualTo("us-east-1");
        assertThat(config.getAccount()).isEmpty();
        assertThat(config.getOwner()).isEqualTo("platform-team");
        assertThat(config.getAlertSources()).containsExactly(AlertSource.GENERIC);
        assertThat(config.getAlertSecretNames()).isEmpty();
        assertThat(config.getBudgetMonthlyUsd()).isEqualByComparingTo("10");
        assertThat(config.getNotifyEmails()).isEmpty();
        assertThat(config.isApiFirewall()).isFalse();
        assertThat(config.isMonitoring()).isFalse();
    }

    @Test
    void shouldProtectProdWithTheFirewall_unlessSwitchedOff() {
        assertThat(read(context("stage", "prod")).isApiFirewall()).isTrue();
        assertThat(read(context("stage", "prod", "apiFirewall", "false")).isApiFirewall()).isFalse();
        assertThat(read(context("stage", "staging", "apiFirewall", true)).isApiFirewall()).isTrue();
    }

    @Test
    void shouldReadEveryKey_whenGivenAsStringsOnTheCommandLine() {
        PipelineConfig config = read(context("stage", "prod", "regions", "eu-west-1", "account", "123456789012",
                "owner", "sre", "alertSources", "generic", "alertSecretNames", "generic=prod/alerts/generic",
                "budgetMonthlyUsd", "250.50", "notifyEmails", "oncall@example.com, sre@example.com"));

        assertThat(config.getStage().isProduction()).isTrue();
        assertThat(config.getStage().isSandbox()).isFalse();
        assertThat(config.getRegions()).containsExactly("eu-west-1");
        assertThat(config.getPrimaryRegion()).isEqualTo("eu-west-1");
        assertThat(config.getAccount()).contains("123456789012");
        assertThat(config.getOwner()).isEqualTo("sre");
        assertThat(config.getAlertSecretNames()).containsEntry(AlertSource.GENERIC, "prod/alerts/generic");
        assertThat(config.getBudgetMonthlyUsd()).isEqualByComparingTo(new BigDecimal("250.50"));
        assertThat(config.getNotifyEmails()).containsExactly("oncall@example.com", "sre@example.com");
    }

    @Test
    void shouldReadListsAndNumbers_whenGivenAsJsonInCdkJson() {
        PipelineConfig config = read(context("regions", List.of("ap-southeast-2"), "budgetMonthlyUsd", 42,
                "notifyEmails", List.of("a@example.com"), "stage", "dev-alice"));

        assertThat(config.getRegions()).containsExactly("ap-southeast-2");
        assertThat(config.getBudgetMonthlyUsd()).isEqualByComparingTo("42");
        assertThat(config.getNotifyEmails()).containsExactly("a@example.com");
        assertThat(config.getStage().getName()).isEqualTo("dev-alice");
        assertThat(config.getStage().isSandbox()).isTrue();
    }

    @Test
    void shouldDeployNoBuiltInPlaybook_byDefault_andDryRunThemInSandboxesOnly() {
        PipelineConfig sandbox = read(context("playbooks", "revoke-open-ingress, drift-detection"));
        PipelineConfig staging = read(context("stage", "staging", "playbooks", List.of("block-public-bucket")));

        assertThat(read(context()).getRemediations()).isEmpty();
        assertThat(read(context()).isDriftDetection()).isFalse();
        assertThat(sandbox.getRemediations()).containsExactly(Remediation.REVOKE_OPEN_INGRESS);
        assertThat(sandbox.isDriftDetection()).isTrue();
        assertThat(sandbox.isPlaybookDryRun()).isTrue();
        assertThat(staging.getRemediations()).containsExactly(Remediation.BLOCK_PUBLIC_BUCKET);
        assertThat(staging.isPlaybookDryRun()).isFalse();
        assertThat(read(context("stage", "staging", "playbookDryRun", true)).isPlaybookDryRun()).isTrue();
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("stage", "Prod", "stage = 'Prod': stage must be prod, staging, dev or dev-<name>"),
                Arguments.of("stage", "dev-Alice_1", "e.g. dev-alice"),
                Arguments.of("stage", "", "stage = '': is empty; remove the key"),
                Arguments.of("stage", List.of("dev"), "stage = '[dev]': must be a single value"),
                Arguments.of("regions", "us-east-1,mars-1", "'mars-1' is not an AWS region name such as us-east-1"),
                Arguments.of("regions", "us-east-7", "'us-east-7' is not a region the AWS CDK knows; the regions of partition aws: "),
                Arguments.of("regions", "cn-north-9", "the regions of partition aws-cn: cn-north-1, cn-northwest-1"),
                Arguments.of("regions", "us-east-1,europe", "'europe' is not an AWS region name such as us-east-1"),
                Arguments.of("regions", "us-east-1,,", "has an empty entry; remove the extra comma"),
                Arguments.of("regions", "us-east-1,us-east-1", "lists 'us-east-1' twice"),
                Arguments.of("regions", "", "regions = '': needs at least one entry"),
                Arguments.of("regions", Map.of("a", "b"), "must be a list of regions"),
                Arguments.of("regions", "us-east-1,eu-west-1", "a sandbox stage (dev) runs in one region"),
                Arguments.of("account", "12345", "account = '12345': must be a 12-digit AWS account id"),
                Arguments.of("owner", "team;drop", "owner = 'team;drop': must be 1-128 characters"),
                Arguments.of("alertSources", "generic,nagios", "unknown alert source 'nagios'; supported: generic, datadog, pagerduty, newrelic, opsgenie"),
                Arguments.of("alertSecretNames", "generic", "each entry must be source=secretName"),
                Arguments.of("alertSecretNames", "datadog=x", "'datadog' is not an enabled alert source; enabled: generic"),
                Arguments.of("alertSecretNames", "generic=a b", "secret names use letters, digits"),
                Arguments.of("alertSecretNames", "generic=a,generic=b", "names source 'generic' twice"),
                Arguments.of("budgetMonthlyUsd", "twenty", "must be a number of US dollars such as 20, got 'twenty'"),
                Arguments.of("budgetMonthlyUsd", "-5", "must be more than 0 and at most 1000000"),
                Arguments.of("budgetMonthlyUsd", 2_000_000, "must be more than 0 and at most 1000000"),
                Arguments.of("notifyEmails", "oncall-at-example.com", "is not an e-mail address"),
                Arguments.of("apiFirewall", "yes", "apiFirewall = 'yes': must be true or false"),
                Arguments.of("monitoring", "maybe", "monitoring = 'maybe': must be true or false"),
                Arguments.of("awsSources", "guardduty,inspector",
                        "unknown AWS event source 'inspector'; supported: cloudwatch, guardduty, securityhub, health"),
                Arguments.of("playbooks", "block-public-bucket,reboot-everything",
                        "unknown built-in playbook 'reboot-everything'; supported: block-public-bucket, revoke-open-ingress,"
                                + " drift-detection"),
                Arguments.of("playbookDryRun", "perhaps", "playbookDryRun = 'perhaps': must be true or false"),
                Arguments.of("chatWebhookUrl", "http://hooks.example.com/x", "must be the https:// URL"),
                Arguments.of("chatWebhookUrl", "https://hooks.example.com/x",
                        "needs both chatWebhookUrl and chatWebhookSecretName"),
                Arguments.of("takeoverAfterSeconds", "a minute", "must be a whole number of seconds such as 60"),
                Arguments.of("takeoverAfterSeconds", "10", "must be from 30 to 3600 seconds"),
                Arguments.of("takeoverAfterSeconds", 7200, "must be from 30 to 3600 seconds"));
    }

    @Test
    void shouldTakeOverAcrossRegionsAfterTheConfiguredBound_onlyWhenThereAreSeveralRegions() {
        assertThat(read(context()).isTakeover()).isFalse();
        PipelineConfig prod = read(context("stage", "prod", "regions", "us-east-1,eu-west-1"));
        assertThat(prod.isTakeover()).isTrue();
        assertThat(prod.getTakeoverAfter().toSeconds().intValue()).isEqualTo(60);
        assertThat(read(context("stage", "prod", "regions", "us-east-1,eu-west-1", "takeoverAfterSeconds", 120))
                .getTakeoverAfter().toSeconds().intValue()).isEqualTo(120);
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                Arguments.of(context("stage", "prod", "region", "eu-west-1"),
                        "region = 'eu-west-1': unknown key; did you mean regions? the keys are account, alertSecretNames, "),
                Arguments.of(context("stgae", "dev-alice"), "stgae = 'dev-alice': unknown key; did you mean stage?"),
                Arguments.of(context("Monitoring", "true"), "Monitoring = 'true': unknown key; did you mean monitoring?"),
                Arguments.of(context("alertSource", "datadog"), "did you mean alertSources?"),
                Arguments.of(context("colour", "blue"), "colour = 'blue': unknown key; the keys are account, alertSecretNames, "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownKeys")
    void shouldFailSuggestingTheKey_whenAKeyIsUnknown(Map<String, Object> context, String expected) {
        assertThatThrownBy(() -> read(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expected)
                .hasMessageContaining(", stage, takeoverAfterSeconds (feature flags start with @)");
    }

    @Test
    void shouldAcceptFeatureFlagsAndTheCdksOwnKeys() {
        PipelineConfig config = read(context("@aws-cdk/core:newStyleStackSynthesis", true,
                "@aws-cdk-containers/ecs-service-extensions:enableDefaultLogDriver", true,
                "aws:cdk:enable-path-metadata", true, "aws:cdk:bundling-stacks", List.of("**"),
                "availability-zones:account=123456789012:region=us-east-1", List.of("us-east-1a"),
                "acknowledged-issue-numbers", List.of(32775), "stage", "dev-alice"));

        assertThat(config.getStage().getName()).isEqualTo("dev-alice");
    }

    @Test
    void shouldFailNamingThePartitions_whenRegionsSpanTwo() {
        assertThatThrownBy(() -> read(context("stage", "prod", "regions", "us-east-1,cn-north-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("regions = 'us-east-1,cn-north-1': regions span the partitions [aws, aws-cn]");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidValues")
    void shouldFailNamingTheKeyAndTheFix_whenAValueIsInvalid(String key, Object value, String expected) {
        assertThatThrownBy(() -> read(context(key, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(expected);
    }

    static Stream<Arguments> invalidMultiRegionValues() {
        Map<String, Object> prod = context("stage", "prod", "regions", "us-east-1,eu-west-1");
        return Stream.of(
                Arguments.of(with(prod, "domainName", "alerts.example.com"),
                        "domainName = 'alerts.example.com': a custom domain needs all three of domainName, hostedZoneId"),
                Arguments.of(with(prod, "domainName", "alerts.example.com", "hostedZoneId", "Z123",
                        "hostedZoneName", "example.org"),
                        "hostedZoneName = 'example.org': domainName alerts.example.com must be a name inside this zone"),
                Arguments.of(with(prod, "domainName", "Alerts!", "hostedZoneId", "Z123", "hostedZoneName", "example.com"),
                        "domainName = 'Alerts!': must be a lowercase hostname"),
                Arguments.of(with(prod, "domainName", "a.example.com", "hostedZoneId", "123", "hostedZoneName",
                        "example.com"), "hostedZoneId = '123': must be a Route 53 hosted zone id"),
                Arguments.of(context("domainName", "a.example.com", "hostedZoneId", "Z1", "hostedZoneName", "example.com"),
                        "a sandbox stage (dev) has no custom domain"),
                Arguments.of(with(prod, "routing", "geo"), "routing = 'geo': must be latency (active-active) or failover"),
                Arguments.of(context("stage", "prod", "routing", "failover"),
                        "failover needs at least two regions to fail over between"),
                Arguments.of(with(prod, "consistency", "linearizable"), "consistency = 'linearizable': must be eventual"),
                Arguments.of(with(prod, "consistency", "strong"),
                        "strong consistency needs exactly three regions from one of the sets"),
                Arguments.of(context("stage", "prod", "regions", "us-east-1,us-east-2,eu-west-1", "consistency", "strong"),
                        "regions are [us-east-1, us-east-2, eu-west-1]"));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> map = new HashMap<>(base);
        map.putAll(context(keyValues));
        return map;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidMultiRegionValues")
    void shouldFailNamingTheKeyAndTheFix_whenMultiRegionSettingsAreInvalid(Map<String, Object> context, String expected) {
        assertThatThrownBy(() -> read(context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void shouldReadAThreeRegionProdConfigurationWithADomain() {
        PipelineConfig config = read(context("stage", "prod", "regions", "eu-west-1,us-east-1,ap-southeast-2",
                "primaryRegion", "us-east-1", "domainName", "alerts.example.com", "hostedZoneId", "Z0123456789ABC",
                "hostedZoneName", "example.com", "routing", "failover"));

        assertThat(config.getPrimaryRegion()).isEqualTo("us-east-1");
        assertThat(config.getSecondaryRegions()).containsExactly("eu-west-1", "ap-southeast-2");
        assertThat(config.getDomain()).hasValueSatisfying(domain -> {
            assertThat(domain.getDomainName()).isEqualTo("alerts.example.com");
            assertThat(domain.getHostedZoneId()).isEqualTo("Z0123456789ABC");
        });
        assertThat(config.getRouting()).isEqualTo(io.incidentpipeline.failover.Routing.FAILOVER);
        assertThat(config.getConsistency()).isEqualTo(software.amazon.awscdk.services.dynamodb.MultiRegionConsistency.EVENTUAL);
    }

    @Test
    void shouldFailNamingBothRegions_whenPrimaryRegionIsNotAConfiguredRegion() {
        assertThatThrownBy(() -> read(context("regions", "eu-west-1", "primaryRegion", "us-east-1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("primaryRegion = 'us-east-1': must be one of the regions [eu-west-1]");
    }

    @Test
    void shouldReportEveryProblemAtOnce_whenSeveralKeysAreInvalid() {
        ConfigurationException error = (ConfigurationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> read(context("stage", "qa", "account", "abc", "notifyEmails", "nope")));

        assertThat(error.getProblems()).hasSize(3);
        assertThat(error.getProblems()).anySatisfy(p -> assertThat(p).startsWith("stage = 'qa'"));
        assertThat(error.getProblems()).anySatisfy(p -> assertThat(p).startsWith("account = 'abc'"));
        assertThat(error.getProblems()).anySatisfy(p -> assertThat(p).startsWith("notifyEmails = 'nope'"));
    }
}
