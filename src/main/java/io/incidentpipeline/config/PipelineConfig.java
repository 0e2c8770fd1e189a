package io.incidentpipeline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.failover.Routing;
import io.incidentpipeline.ingest.AlertSource;
import io.incidentpipeline.ingest.AwsEventSource;
import io.incidentpipeline.playbooks.Remediation;
import io.incidentpipeline.routing.DueWorkSweeperProps;
import io.incidentpipeline.silences.PlannedSilence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.dynamodb.MultiRegionConsistency;
import software.constructs.Node;

/**
 * The deployable app's configuration, read from CDK context (defaults in {@code cdk.json}, overrides
 * with {@code cdk synth -c key=value}). The key names are public interface: the README documents
 * each one.
 *
 * <p>Every value is validated when the object is read; all problems are reported together in one
 * {@link ConfigurationException}, each naming the key, the bad value and the fix.
 */
public final class PipelineConfig {
    /** The stage: {@code prod}, {@code staging}, {@code dev} or {@code dev-<name>}. All context keys are documented in the README. */
    public static final String STAGE = "stage";
    /** Regions that each get a full copy of the pipeline. */
    public static final String REGIONS = "regions";
    /** Where account-wide resources live; one of the regions. */
    public static final String PRIMARY_REGION = "primaryRegion";
    /** The target AWS account (12 digits). */
    public static final String ACCOUNT = "account";
    /** The value of the {@code Owner} tag. */
    public static final String OWNER = "owner";
    /** The enabled alert sources, e.g. {@code generic,datadog}. */
    public static final String ALERT_SOURCES = "alertSources";
    /** {@code source=secretName} pairs naming existing secrets that hold a source's signing key. */
    public static final String ALERT_SECRET_NAMES = "alertSecretNames";
    /** The stage's monthly budget in USD. */
    public static final String BUDGET_MONTHLY_USD = "budgetMonthlyUsd";
    /** Addresses subscribed to urgent incidents, the ops alarms and the budget. */
    public static final String NOTIFY_EMAILS = "notifyEmails";
    /** Whether a WAF web ACL protects the API. */
    public static final String API_FIREWALL = "apiFirewall";
    /** The API's shared hostname. */
    public static final String DOMAIN_NAME = "domainName";
    /** The id of the Route 53 public zone that holds the domain name. */
    public static final String HOSTED_ZONE_ID = "hostedZoneId";
    /** The name of the Route 53 public zone that holds the domain name. */
    public static final String HOSTED_ZONE_NAME = "hostedZoneName";
    /** How DNS picks a region: {@code latency} or {@code failover}. */
    public static final String ROUTING = "routing";
    /** The global table's mode: {@code eventual} or {@code strong}. */
    public static final String CONSISTENCY = "consistency";
    /** Whether the ops dashboard and alarms are deployed. */
    public static final String MONITORING = "monitoring";
    /** Whether the app manages API Gateway's account-wide CloudWatch role. */
    public static final String MANAGE_API_GATEWAY_ACCOUNT = "manageApiGatewayAccount";
    /** AWS services whose events on each region's default bus become incidents. */
    public static final String AWS_SOURCES = "awsSources";
    /** The chat or on-call webhook critical and high incidents are posted to. */
    public static final String CHAT_WEBHOOK_URL = "chatWebhookUrl";
    /** The secret holding the webhook's {@code Authorization} header value. */
    public static final String CHAT_WEBHOOK_SECRET_NAME = "chatWebhookSecretName";
    /** The built-in playbooks to deploy. */
    public static final String PLAYBOOKS = "playbooks";
    /** Whether the built-in remediations only report what they would change. */
    public static final String PLAYBOOK_DRY_RUN = "playbookDryRun";
    /** How long an incident change may go unannounced before another region's sweeper announces it. */
    public static final String TAKEOVER_AFTER_SECONDS = "takeoverAfterSeconds";
    /** Ports that are public on purpose, never revoked by {@code revoke-open-ingress}. */
    public static final String REMEDIATION_PUBLIC_PORTS = "remediationPublicPorts";
    /** The escalation policies: see {@link EscalationPolicyConfig}. */
    public static final String ESCALATION_POLICIES = EscalationPolicyConfig.KEY;
    /** Planned maintenance windows: a JSON array of {@link PlannedSilence} objects. */
    public static final String SILENCES = "silences";

    /**
     * Context keys of the CDK itself without a {@code :} or {@code @} in them: the CLI's
     * acknowledged notices. Feature flags ({@code @aws-cdk/...}) and the CDK's other keys
     * ({@code aws:cdk:...}, lookup results such as {@code availability-zones:account=...}) are
     * recognized by their form.
     */
    private static final Set<String> CDK_KEYS = Set.of("acknowledged-issue-numbers");

    /** The id of drift detection in the {@code playbooks} key, beside the remediations' ids. */
    public static final String DRIFT_DETECTION = "drift-detection";

    /** Region sets in which DynamoDB offers multi-region strong consistency. */
    static final List<List<String>> STRONG_CONSISTENCY_REGION_SETS = List.of(
            List.of("us-east-1", "us-east-2", "us-west-2"),
            List.of("eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"),
            List.of("ap-northeast-1", "ap-northeast-2", "ap-northeast-3"));

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern OWNER_NAME = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000");

    private final Stage stage;
    private final List<String> regions;
    private final String primaryRegion;
    private final String account;
    private final String owner;
    private final List<AlertSource> alertSources;
    private final Map<AlertSource, String> alertSecretNames;
    private final BigDecimal budgetMonthlyUsd;
    private final List<String> notifyEmails;
    private final boolean apiFirewall;
    private final DomainConfig domain;
    private final Routing routing;
    private final MultiRegionConsistency consistency;
    private final boolean monitoring;
    private final boolean manageApiGatewayAccount;
    private final Integer takeoverAfterSeconds;
    private final List<AwsEventSource> awsSources;
    private final List<Remediation> remediations;
    private final boolean driftDetection;
    private final boolean playbookDryRun;
    private final List<Integer> remediationPublicPorts;
    private final String chatWebhookUrl;
    private final String chatWebhookSecretName;
    private final List<EscalationPolicyConfig> escalationPolicies;
    private final List<PlannedSilence> plannedSilences;

    private PipelineConfig(Reader in) {
        stage = in.parse(STAGE, "dev", Stage::of);
        regions = in.list(REGIONS, List.of("us-east-1"), PipelineConfig::region, "regions, e.g. us-east-1,eu-west-1");
        checkOnePartition(in, regions);
        if (stage != null && stage.isSandbox() && regions.size() > 1) {
            in.problem(REGIONS, String.join(",", regions), "a sandbox stage (" + stage + ") runs in one region;"
                    + " set one, e.g. -c regions=" + regions.get(0) + ", or use stage staging or prod");
        }
        String primary = in.string(PRIMARY_REGION).orElse(regions.isEmpty() ? null : regions.get(0));
        if (primary != null && !regions.contains(primary)) {
            in.problem(PRIMARY_REGION, primary, "must be one of the regions " + regions
                    + "; add it to regions or pick one of them");
        }
        primaryRegion = primary;
        account = in.string(ACCOUNT).map(a -> in.check(ACCOUNT, a, ACCOUNT_ID.matcher(a).matches(),
                "must be a 12-digit AWS account id, or left out to synthesize an environment-agnostic app"))
                .orElse(null);
        owner = in.string(OWNER).map(o -> in.check(OWNER, o, OWNER_NAME.matcher(o).matches(),
                "must be 1-128 characters of letters, digits, spaces and _.:/=+@- (it becomes the owner tag)"))
                .orElse("platform-team");
        alertSources = in.list(ALERT_SOURCES, List.of("generic"), PipelineConfig::alertSource,
                "alert sources, one or more of: " + AlertSource.supportedIds())
                .stream().map(id -> AlertSource.fromId(id).orElseThrow()).collect(Collectors.toList());
        alertSecretNames = secretNames(in, alertSources);
        awsSources = in.list(AWS_SOURCES, List.of(), PipelineConfig::awsSource,
                "AWS event sources, any of: " + AwsEventSource.supportedIds())
                .stream().map(id -> AwsEventSource.fromId(id).orElseThrow()).collect(Collectors.toList());
        List<String> playbooks = in.list(PLAYBOOKS, List.of(), PipelineConfig::playbook,
                "built-in playbooks, any of: " + playbookIds());
        remediations = playbooks.stream().map(Remediation::fromId).flatMap(Optional::stream).collect(Collectors.toList());
        driftDetection = playbooks.contains(DRIFT_DETECTION);
        playbookDryRun = Boolean.TRUE.equals(in.parse(PLAYBOOK_DRY_RUN,
                String.valueOf(stage == null || stage.isSandbox()), PipelineConfig::bool));
        remediationPublicPorts = in.list(REMEDIATION_PUBLIC_PORTS, List.of("80", "443"), PipelineConfig::port,
                "TCP/UDP ports that are public on purpose, e.g. 80,443").stream().map(Integer::valueOf)
                .collect(Collectors.toList());
        budgetMonthlyUsd = in.parse(BUDGET_MONTHLY_USD, stage != null && stage.isSandbox() ? "10" : "100",
                PipelineConfig::budget);
        notifyEmails = in.list(NOTIFY_EMAILS, List.of(), PipelineConfig::email, "e-mail addresses");
        Boolean firewall = in.parse(API_FIREWALL, String.valueOf(stage != null && stage.isProduction()),
                PipelineConfig::bool);
        apiFirewall = Boolean.TRUE.equals(firewall);
        domain = domain(in, stage);
        routing = in.parse(ROUTING, "latency", PipelineConfig::routing);
        if (routing == Routing.FAILOVER && regions.size() < 2) {
            in.problem(ROUTING, "failover", "failover needs at least two regions to fail over between; add a"
                    + " region to regions or use routing latency");
        }
        consistency = in.parse(CONSISTENCY, "eventual", PipelineConfig::consistency);
        chatWebhookUrl = in.string(CHAT_WEBHOOK_URL).map(url -> in.check(CHAT_WEBHOOK_URL, url,
                url.matches("https://[^\\s/]+(/\\S*)?"), "must be the https:// URL of the chat or on-call webhook"))
                .orElse(null);
        chatWebhookSecretName = in.string(CHAT_WEBHOOK_SECRET_NAME).map(name -> in.check(CHAT_WEBHOOK_SECRET_NAME, name,
                SECRET_NAME.matcher(name).matches(), "must name an existing Secrets Manager secret holding the"
                        + " webhook's Authorization header value")).orElse(null);
        if ((chatWebhookUrl == null) != (chatWebhookSecretName == null)) {
            in.problem(chatWebhookUrl == null ? CHAT_WEBHOOK_URL : CHAT_WEBHOOK_SECRET_NAME, "",
                    "a chat webhook needs both chatWebhookUrl and chatWebhookSecretName; set the other or remove both");
        }
        monitoring = Boolean.TRUE.equals(in.parse(MONITORING, String.valueOf(stage != null && !stage.isSandbox()),
                PipelineConfig::bool));
        manageApiGatewayAccount = Boolean.TRUE.equals(in.parse(MANAGE_API_GATEWAY_ACCOUNT, "true", PipelineConfig::bool));
        if (consistency == MultiRegionConsistency.STRONG) {
            checkStrongConsistencyRegions(in, regions);
        }
        takeoverAfterSeconds = in.parse(TAKEOVER_AFTER_SECONDS, "60", PipelineConfig::takeoverAfterSeconds);
        escalationPolicies = EscalationPolicyConfig.read(in.raw(ESCALATION_POLICIES), regions,
                chatWebhookUrl != null && chatWebhookSecretName != null, in::problem);
        plannedSilences = plannedSilences(in);
        in.checkUnknownKeys();
        in.throwIfProblems();
    }

    /**
     * Reads and validates the configuration from the CDK context of {@code node} (usually the app's):
     * {@code cdk.json}, {@code cdk.context.json} and {@code -c key=value}.
     *
     * @param node the construct node whose context is read
     * @return the configuration
     * @throws ConfigurationException listing every invalid or unknown key
     */
    @SuppressWarnings("unchecked")
    public static PipelineConfig fromContext(Node node) {
        Object all = node.getAllContext();
        return from(all instanceof Map ? (Map<String, ?>) all : Map.of());
    }

    /**
     * Reads and validates the configuration from context given as a map, such as in a test. A key
     * this configuration does not read, that is no feature flag and no key of the CDK's own, is a
     * problem too, with the key it most likely meant: a misspelt key would otherwise fall back to
     * its default.
     *
     * @param context the context keys and their values
     * @return the configuration
     * @throws ConfigurationException listing every invalid or unknown key
     */
    public static PipelineConfig from(Map<String, ?> context) {
        return new PipelineConfig(new Reader(context));
    }

    /** @return the stage, {@code dev} by default */
    public Stage getStage() {
        return stage;
    }

    /** @return the regions that each get a full copy of the pipeline, {@code [us-east-1]} by default */
    public List<String> getRegions() {
        return regions;
    }

    /** @return where account-wide resources live; the first region by default */
    public String getPrimaryRegion() {
        return primaryRegion;
    }

    /** @return the target account, if configured; without one the app is environment-agnostic */
    public Optional<String> getAccount() {
        return Optional.ofNullable(account);
    }

    /** @return the owner tag value, {@code platform-team} by default */
    public String getOwner() {
        return owner;
    }

    /** @return the enabled alert sources, {@code [generic]} by default */
    public List<AlertSource> getAlertSources() {
        return alertSources;
    }

    /**
     * @return existing Secrets Manager secret names per source; a source without one gets a
     *         secret created by the stack
     */
    public Map<AlertSource, String> getAlertSecretNames() {
        return alertSecretNames;
    }

    /** @return the stage's monthly budget in USD: 10 for sandboxes, 100 otherwise, by default */
    public BigDecimal getBudgetMonthlyUsd() {
        return budgetMonthlyUsd;
    }

    /** @return addresses subscribed to notifications; none by default */
    public List<String> getNotifyEmails() {
        return notifyEmails;
    }

    /** @return whether a WAF web ACL protects the alert API: true for prod by default */
    public boolean isApiFirewall() {
        return apiFirewall;
    }

    /** @return the API's custom domain, if one is configured; sandboxes never have one */
    public Optional<DomainConfig> getDomain() {
        return Optional.ofNullable(domain);
    }

    /** @return how the shared hostname routes between regions: latency (active-active) by default */
    public Routing getRouting() {
        return routing;
    }

    /** @return the global table's consistency mode: eventual (last writer wins) by default */
    public MultiRegionConsistency getConsistency() {
        return consistency;
    }

    /**
     * @return how long a change's own region has to announce it before another region does
     *         ({@code takeoverAfterSeconds}, 60 by default); used when {@link #isTakeover()}
     */
    public Duration getTakeoverAfter() {
        return Duration.seconds(takeoverAfterSeconds);
    }

    /**
     * @return whether every region sweeps for the others' unannounced changes: whenever there is
     *         more than one region
     */
    public boolean isTakeover() {
        return regions.size() > 1;
    }

    /** @return whether alarms and a dashboard are created: off for sandboxes by default ($0.10 an alarm, $3 a dashboard) */
    public boolean isMonitoring() {
        return monitoring;
    }

    /**
     * @return whether the app creates API Gateway's account-level CloudWatch Logs role in each region
     *         ({@code IncidentPipeline-apigateway-account-<region>}, shared by every stage); false where a
     *         platform stack already manages that setting
     */
    public boolean isManageApiGatewayAccount() {
        return manageApiGatewayAccount;
    }

    /** @return the chat or on-call webhook's URL and credential secret name, if configured */
    public Optional<Map.Entry<String, String>> getChatWebhook() {
        return chatWebhookUrl == null || chatWebhookSecretName == null ? Optional.empty()
                : Optional.of(Map.entry(chatWebhookUrl, chatWebhookSecretName));
    }

    /** @return the escalation policies ({@code escalationPolicies}), in order; none by default */
    public List<EscalationPolicyConfig> getEscalationPolicies() {
        return escalationPolicies;
    }

    /** @return the regions other than the primary one */
    public List<String> getSecondaryRegions() {
        return regions.stream().filter(r -> !r.equals(primaryRegion)).collect(Collectors.toList());
    }

    private static DomainConfig domain(Reader in, Stage stage) {
        Optional<String> name = in.string(DOMAIN_NAME);
        Optional<String> zoneId = in.string(HOSTED_ZONE_ID);
        Optional<String> zoneName = in.string(HOSTED_ZONE_NAME);
        if (name.isEmpty() && zoneId.isEmpty() && zoneName.isEmpty()) {
            return null;
        }
        if (stage != null && stage.isSandbox()) {
            in.problem(DOMAIN_NAME, name.orElse(""), "a sandbox stage (" + stage + ") has no custom domain; remove"
                    + " domainName, hostedZoneId and hostedZoneName, or use stage staging or prod");
            return null;
        }
        if (name.isEmpty() || zoneId.isEmpty() || zoneName.isEmpty()) {
            in.problem(DOMAIN_NAME, name.orElse(""), "a custom domain needs all three of domainName, hostedZoneId"
                    + " and hostedZoneName; set the missing ones or remove all three");
            return null;
        }
        boolean valid = true;
        if (!HOSTNAME.matcher(name.get()).matches()) {
            in.problem(DOMAIN_NAME, name.get(), "must be a lowercase hostname such as alerts.example.com");
            valid = false;
        }
        if (!ZONE_ID.matcher(zoneId.get()).matches()) {
            in.problem(HOSTED_ZONE_ID, zoneId.get(), "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"
                    + " (aws route53 list-hosted-zones)");
            valid = false;
        }
        if (!name.get().endsWith("." + zoneName.get())) {
            in.problem(HOSTED_ZONE_NAME, zoneName.get(), "domainName " + name.get() + " must be a name inside this"
                    + " zone, e.g. alerts." + zoneName.get());
            valid = false;
        }
        return valid ? new DomainConfig(name.get(), zoneId.get(), zoneName.get()) : null;
    }

    private static Routing routing(String value) {
        for (Routing routing : Routing.values()) {
            if (routing.getId().equals(value)) {
                return routing;
            }
        }
        throw new IllegalArgumentException("must be latency (active-active) or failover (primary first), got '"
                + value + "'");
    }

    private static MultiRegionConsistency consistency(String value) {
        switch (value) {
            case "eventual":
                return MultiRegionConsistency.EVENTUAL;
            case "strong":
                return MultiRegionConsistency.STRONG;
            default:
                throw new IllegalArgumentException("must be eventual (last writer wins, any regions) or strong"
                        + " (three regions of one set), got '" + value + "'");
        }
    }

    private static void checkStrongConsistencyRegions(Reader in, List<String> regions) {
        boolean oneSet = STRONG_CONSISTENCY_REGION_SETS.stream().anyMatch(set -> set.containsAll(regions));
        if (regions.size() != 3 || !oneSet) {
            in.problem(CONSISTENCY, "strong", "strong consistency needs exactly three regions from one of the sets "
                    + STRONG_CONSISTENCY_REGION_SETS + "; regions are " + regions + ". Pick three of one set or use"
                    + " consistency eventual");
        }
    }

    private static Boolean bool(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("must be true or false, got '" + value + "'");
        }
        return Boolean.valueOf(value);
    }

    private static String region(String value) {
        if (!REGION.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an AWS region name such as us-east-1");
        }
        Map<String, String> known = knownRegions();
        if (!known.containsKey(value)) {
            String partition = known.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(value.substring(0, value.lastIndexOf('-') + 1)))
                    .map(Map.Entry::getValue).findFirst().orElse("aws");
            throw new IllegalArgumentException("'" + value + "' is not a region the AWS CDK knows; the regions of"
                    + " partition " + partition + ": " + regionsOf(known, partition));
        }
        return value;
    }

    /** @return the regions the CDK's region info knows, each with its partition ({@code aws}, {@code aws-cn}, …) */
    private static Map<String, String> knownRegions() {
        Map<String, String> regions = new TreeMap<>();
        for (RegionInfo region : RegionInfo.getRegions()) {
            regions.put(region.getName(), region.getPartition());
        }
        return regions;
    }

    private static String regionsOf(Map<String, String> known, String partition) {
        return known.entrySet().stream().filter(e -> e.getValue().equals(partition)).map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }

    /** A global table and replicated secrets stay inside one partition. */
    private static void checkOnePartition(Reader in, List<String> regions) {
        Map<String, String> known = knownRegions();
        Set<String> partitions = regions.stream().map(known::get).filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (partitions.size() > 1) {
            in.problem(REGIONS, String.join(",", regions), "regions span the partitions " + partitions
                    + "; a stage's table and secrets replicate inside one partition: pick regions of one");
        }
    }

    private static String alertSource(String value) {
        if (AlertSource.fromId(value).isEmpty()) {
            throw new IllegalArgumentException("unknown alert source '" + value + "'; supported: "
                    + AlertSource.supportedIds());
        }
        return value;
    }

    private static String awsSource(String value) {
        if (AwsEventSource.fromId(value).isEmpty()) {
            throw new IllegalArgumentException("unknown AWS event source '" + value + "'; supported: "
                    + AwsEventSource.supportedIds());
        }
        return value;
    }

    private static String playbook(String value) {
        if (Remediation.fromId(value).isEmpty() && !DRIFT_DETECTION.equals(value)) {
            throw new IllegalArgumentException("unknown built-in playbook '" + value + "'; supported: " + playbookIds());
        }
        return value;
    }

    private static String port(String value) {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65535) {
            throw new IllegalArgumentException("'" + value + "' is not a port; use numbers 1-65535, e.g. 80,443");
        }
        return value;
    }

    private static String playbookIds() {
        List<String> ids = new ArrayList<>();
        for (Remediation remediation : Remediation.values()) {
            ids.add(remediation.getId());
        }
        ids.add(DRIFT_DETECTION);
        return String.join(", ", ids);
    }

    /** @return the built-in remediations to deploy ({@code playbooks}); none by default */
    public List<Remediation> getRemediations() {
        return remediations;
    }

    /** @return whether scheduled drift detection is deployed ({@code playbooks} holds {@code drift-detection}) */
    public boolean isDriftDetection() {
        return driftDetection;
    }

    /**
     * @return whether the built-in remediations only report what they would change
     *         ({@code playbookDryRun}); default true in sandbox stages, false in others
     */
    public boolean isPlaybookDryRun() {
        return playbookDryRun;
    }

    /**
     * @return the ports revoke-open-ingress never closes ({@code remediationPublicPorts}); default 80 and 443
     */
    public List<Integer> getRemediationPublicPorts() {
        return remediationPublicPorts;
    }

    /** @return the AWS services whose default-bus events become incidents; none by default */
    public List<AwsEventSource> getAwsSources() {
        return awsSources;
    }

    private static String email(String value) {
        if (!EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an e-mail address such as oncall@example.com");
        }
        return value;
    }

    private static Integer takeoverAfterSeconds(String value) {
        int seconds;
        try {
            seconds = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of seconds such as 60, got '" + value + "'");
        }
        try {
            DueWorkSweeperProps.checkTakeoverAfter(Duration.seconds(seconds), "it");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be from 30 to 3600 seconds (a healthy publisher needs a few seconds,"
                    + " and a later announcement no longer pages in time), got " + value);
        }
        return seconds;
    }

    private static BigDecimal budget(String value) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of US dollars such as 20, got '" + value + "'");
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX_BUDGET) > 0) {
            throw new IllegalArgumentException("must be more than 0 and at most 1000000 US dollars, got " + value);
        }
        return amount;
    }

    private static Map<AlertSource, String> secretNames(Reader in, List<AlertSource> enabled) {
        Map<AlertSource, String> names = new LinkedHashMap<>();
        for (String pair : in.list(ALERT_SECRET_NAMES, List.of(), v -> v, "source=secretName pairs")) {
            int eq = pair.indexOf('=');
            String id = eq < 0 ? pair : pair.substring(0, eq);
            String name = eq < 0 ? "" : pair.substring(eq + 1);
            Optional<AlertSource> source = AlertSource.fromId(id);
            if (eq < 0 || name.isEmpty()) {
                in.problem(ALERT_SECRET_NAMES, pair, "each entry must be source=secretName, e.g. generic=prod/alerts/generic");
            } else if (source.isEmpty() || !enabled.contains(source.get())) {
                in.problem(ALERT_SECRET_NAMES, pair, "'" + id + "' is not an enabled alert source; enabled: "
                        + enabled.stream().map(AlertSource::getId).collect(Collectors.joining(", ")));
            } else if (!SECRET_NAME.matcher(name).matches()) {
                in.problem(ALERT_SECRET_NAMES, pair, "secret names use letters, digits and /_+=.@- only");
            } else if (names.put(source.get(), name) != null) {
                in.problem(ALERT_SECRET_NAMES, pair, "names source '" + id + "' twice; keep one entry per source");
            }
        }
        return Map.copyOf(names);
    }

    /**
     * The {@value #SILENCES} key: a JSON array of windows in cdk.json, or its JSON text with {@code -c}.
     * Each problem names the window by its position and name.
     */
    private static List<PlannedSilence> plannedSilences(Reader in) {
        Object raw = in.raw(SILENCES);
        if (raw == null) {
            return List.of();
        }
        Object parsed = raw;
        if (raw instanceof String text) {
            try {
                parsed = new ObjectMapper().readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                in.problem(SILENCES, raw, "is not JSON; give a JSON array of windows, e.g. [{\"name\": \"db-migration\","
                        + " \"matcher\": {\"service\": \"orders-db\"}, \"startsAt\": \"2026-12-05T22:00:00Z\","
                        + " \"endsAt\": \"2026-12-06T02:00:00Z\", \"comment\": \"CHG-1234\"}]");
                return List.of();
            }
        }
        if (!(parsed instanceof List<?> entries)) {
            in.problem(SILENCES, raw, "must be a JSON array of windows (objects with name, matcher, startsAt, endsAt,"
                    + " comment, runPlaybooks)");
            return List.of();
        }
        List<PlannedSilence> silences = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String at = SILENCES + "[" + i + "]";
            if (!(entry instanceof Map<?, ?> fields)) {
                in.problem(at, entry, "must be an object with name, matcher, startsAt, endsAt and comment");
                continue;
            }
            try {
                PlannedSilence silence = PlannedSilence.fromJson(fields);
                if (!names.add(silence.getName())) {
                    in.problem(at, silence.getName(), "repeats the name '" + silence.getName() + "'; give each window"
                            + " its own name");
                }
                silences.add(silence);
            } catch (IllegalArgumentException e) {
                in.problem(at + (fields.get("name") instanceof String name ? " (" + name + ")" : ""), fields.get("name"),
                        e.getMessage());
            }
        }
        return List.copyOf(silences);
    }

    /** @return the planned maintenance windows of the {@value #SILENCES} key, none by default */
    public List<PlannedSilence> getPlannedSilences() {
        return plannedSilences;
    }

    /** Reads typed values from raw context, collecting problems instead of failing on the first. */
    private static final class Reader {
        private final Map<String, ?> values;
        private final Function<String, Object> context;
        private final List<String> problems = new ArrayList<>();
        /** Every key read: the configuration reads each of its keys whatever the others hold. */
        private final Set<String> known = new TreeSet<>();

        Reader(Map<String, ?> values) {
            this.values = values;
            this.context = key -> {
                known.add(key);
                return values.get(key);
            };
        }

        /**
         * After every key is read: a key that is ours by its form (no {@code @}, no {@code :}) but
         * was never read is unknown.
         */
        void checkUnknownKeys() {
            for (Map.Entry<String, ?> entry : new TreeMap<String, Object>(values).entrySet()) {
                String key = entry.getKey();
                if (known.contains(key) || key.startsWith("@") || key.contains(":") || CDK_KEYS.contains(key)) {
                    continue;
                }
                String closest = known.stream().min(Comparator.comparingInt(k -> distance(k, key))).orElseThrow();
                String hint = distance(closest, key) <= Math.max(2, key.length() / 3)
                        ? "did you mean " + closest + "? "
                        : "";
                problem(key, entry.getValue(), "unknown key; " + hint + "the keys are " + String.join(", ", known)
                        + " (feature flags start with @)");
            }
        }

        /** @return the value as given (a list, an object or a string), or {@code null}; the key counts as read */
        Object raw(String key) {
            return context.apply(key);
        }

        Optional<String> string(String key) {
            Object raw = context.apply(key);
            if (raw == null) {
                return Optional.empty();
            }
            if (raw instanceof Collection || raw instanceof Map) {
                problem(key, raw, "must be a single value, not a list or an object");
                return Optional.empty();
            }
            String value = raw.toString().trim();
            if (value.isEmpty()) {
                problem(key, raw, "is empty; remove the key to use its default or give it a value");
                return Optional.empty();
            }
            return Optional.of(value);
        }

        <T> T parse(String key, String defaultValue, Function<String, T> parser) {
            String value = string(key).orElse(defaultValue);
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                problem(key, value, e.getMessage());
                return null;
            }
        }

        /** A list given either as a JSON array in cdk.json or as a comma-separated string with -c. */
        List<String> list(String key, List<String> defaultValue, Function<String, String> element, String what) {
            Object raw = context.apply(key);
            if (raw == null) {
                return defaultValue;
            }
            List<String> items = new ArrayList<>();
            if (raw instanceof Collection) {
                ((Collection<?>) raw).forEach(item -> items.add(String.valueOf(item).trim()));
            } else if (raw instanceof String) {
                for (String item : ((String) raw).split(",", -1)) {
                    items.add(item.trim());
                }
                if (((String) raw).isBlank()) {
                    items.clear();
                }
            } else {
                problem(key, raw, "must be a list of " + what + ", as a JSON array or a comma-separated string");
                return List.of();
            }
            Set<String> valid = new LinkedHashSet<>();
            for (String item : items) {
                try {
                    if (item.isEmpty()) {
                        throw new IllegalArgumentException("has an empty entry; remove the extra comma");
                    }
                    if (!valid.add(element.apply(item))) {
                        throw new IllegalArgumentException("lists '" + item + "' twice; list each once");
                    }
                } catch (IllegalArgumentException e) {
                    problem(key, raw, e.getMessage());
                }
            }
            if (valid.isEmpty() && !defaultValue.isEmpty()) {
                problem(key, raw, "needs at least one entry: " + what);
            }
            return List.copyOf(valid);
        }

        String check(String key, String value, boolean valid, String fix) {
            if (!valid) {
                problem(key, value, fix);
            }
            return value;
        }

        /** Edit distance, case-insensitive: {@code region} is one from {@code regions}. */
        private static int distance(String a, String b) {
            String x = a.toLowerCase(Locale.ROOT);
            String y = b.toLowerCase(Locale.ROOT);
            int[] previous = new int[y.length() + 1];
            int[] current = new int[y.length() + 1];
            for (int j = 0; j <= y.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= x.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= y.length(); j++) {
                    int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[y.length()];
        }

        void problem(String key, Object value, String fix) {
            problems.add(key + " = '" + value + "': " + fix);
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
        }
    }
}
