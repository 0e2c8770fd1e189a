package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.common.Timestamps;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Provenance;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS-native sources that arrive on the default event bus, with no shared secret (IAM and the
 * rule's pattern do the trust), keyed by the event's {@code source}.
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>source id</th><th>event</th><th>severity</th><th>resolves on</th><th>one incident per</th></tr>
 *   <tr><td>aws-cloudwatch</td><td>CloudWatch Alarm State Change</td><td>high</td><td>state OK</td><td>account, region, alarm</td></tr>
 *   <tr><td>aws-guardduty</td><td>GuardDuty Finding</td><td>≥ 9 critical, ≥ 7 high, ≥ 4 medium, else low</td><td>—</td><td>finding id</td></tr>
 *   <tr><td>aws-securityhub</td><td>Security Hub Findings - Imported</td><td>Severity.Label</td><td>workflow RESOLVED or record ARCHIVED</td><td>finding id</td></tr>
 *   <tr><td>aws-health</td><td>AWS Health Event</td><td>issue high, scheduled change low, else info</td><td>status closed</td><td>event ARN</td></tr>
 * </table>
 * A CloudWatch alarm going to INSUFFICIENT_DATA records nothing. A Security Hub finding that cannot
 * be read is rejected on its own; the other findings of its event are recorded.
 *
 * <p>When each alert happened: CloudWatch {@code detail.state.timestamp}; GuardDuty
 * {@code detail.updatedAt}; Security Hub each finding's {@code UpdatedAt}; AWS Health
 * {@code detail.lastUpdatedTime} (a closed event's {@code endTime} first, an open one's
 * {@code startTime} after it); else the event's {@code time}; else when it arrived.
 *
 * <p>Findings name the affected resource in labels, the targets of the remediation playbooks:
 * GuardDuty {@code s3Bucket} (its first bucket) and {@code securityGroupId} (the first security
 * group of the instance's first network interface); Security Hub {@code resourceArn} and
 * {@code resourceType} (its first resource), and {@code s3Bucket} or {@code securityGroupId} when
 * that resource is a bucket or a security group. GuardDuty's {@code findingPorts} names the local
 * ports a port probe or an inbound connection reached, e.g. {@code tcp/22}.
 *
 * <p>GuardDuty and Security Hub findings carry a {@link Provenance}: product, finding type or
 * control, state, sample flag, and the resource's account and region, all as the finding states
 * them. This class only reads them; the handler verified where the event came from, and the
 * remediations decide what they trust.
 */
final class AwsEventSources {
    private static final Pattern S3_BUCKET_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([^/]+)");
    private static final Pattern SECURITY_GROUP = Pattern.compile("(?:arn:aws[a-z-]*:ec2:[^:]*:[^:]*:security-group/)?(sg-[^/]+)");

    private AwsEventSources() {
    }

    /** @return the normalizer of each EventBridge {@code source} this intake understands */
    static Map<String, AwsEventNormalizer> all() {
        return Map.of(
                "aws.cloudwatch", AwsEventSources::cloudWatchAlarm,
                "aws.guardduty", AwsEventSources::guardDutyFinding,
                "aws.securityhub", AwsEventSources::securityHubFindings,
                "aws.health", AwsEventSources::healthEvent);
    }

    private static AwsEventNormalizer.Batch cloudWatchAlarm(Map<String, Object> detail, Map<String, Object> event,
            Instant receivedAt) {
        String alarm = text(detail, "alarmName").orElseThrow(() -> missing("detail.alarmName"));
        Map<?, ?> state = detail.get("state") instanceof Map<?, ?> s ? s : Map.of();
        String value = state.get("value") instanceof String v ? v : "ALARM";
        if (value.equals("INSUFFICIENT_DATA")) {
            return AwsEventNormalizer.Batch.of();
        }
        String reason = state.get("reason") instanceof String r ? r : null;
        Alert alert = new Alert("aws-cloudwatch", Severity.HIGH, Names.truncate("CloudWatch alarm " + alarm, 256),
                reason == null ? null : Names.truncate(reason, GenericAlertNormalizer.MAX_DESCRIPTION),
                Names.of(alarm), "alarm", key(event, alarm), Map.of("state", value),
                time(state.get("timestamp"), event, receivedAt));
        return AwsEventNormalizer.Batch.of(new AwsEventNormalizer.Notification(alert, value.equals("OK")));
    }

    private static AwsEventNormalizer.Batch guardDutyFinding(Map<String, Object> detail, Map<String, Object> event,
            Instant receivedAt) {
        String id = text(detail, "id").orElseThrow(() -> missing("detail.id"));
        double score = guardDutyScore(detail.get("severity"));
        Severity severity = score >= 9 ? Severity.CRITICAL : score >= 7 ? Severity.HIGH
                : score >= 4 ? Severity.MEDIUM : Severity.LOW;
        String resourceType = detail.get("resource") instanceof Map<?, ?> r && r.get("resourceType") instanceof String t
                ? t : "aws";
        Alert alert = new Alert("aws-guardduty", severity,
                Names.truncate(text(detail, "title").orElse(text(detail, "type").orElse("GuardDuty finding")), 256),
                text(detail, "description").map(d -> Names.truncate(d, GenericAlertNormalizer.MAX_DESCRIPTION)).orElse(null),
                Names.of(resourceType), "security", id, guardDutyLabels(detail),
                time(detail.get("updatedAt"), event, receivedAt), guardDutyProvenance(detail, event));
        return AwsEventNormalizer.Batch.of(new AwsEventNormalizer.Notification(alert, false));
    }

    private static AwsEventNormalizer.Batch securityHubFindings(Map<String, Object> detail, Map<String, Object> event,
            Instant receivedAt) {
        if (!(detail.get("findings") instanceof List<?> findings) || findings.isEmpty()) {
            throw missing("detail.findings");
        }
        List<AwsEventNormalizer.Notification> notifications = new ArrayList<>();
        List<AwsEventNormalizer.Rejected> rejected = new ArrayList<>();
        for (int index = 0; index < findings.size(); index++) {
            try {
                notifications.add(securityHubFinding(findings.get(index), event, receivedAt));
            } catch (RejectedNotificationException e) {
                rejected.add(new AwsEventNormalizer.Rejected(index, e.code(), e.getMessage()));
            }
        }
        return new AwsEventNormalizer.Batch(notifications, rejected);
    }

    private static AwsEventNormalizer.Notification securityHubFinding(Object item, Map<String, Object> event,
            Instant receivedAt) {
        if (!(item instanceof Map<?, ?> finding) || !(finding.get("Id") instanceof String id) || id.isBlank()) {
            throw missing("detail.findings[].Id");
        }
        String label = finding.get("Severity") instanceof Map<?, ?> s && s.get("Label") instanceof String l ? l : "MEDIUM";
        Severity severity = label.equals("INFORMATIONAL") ? Severity.INFO
                : Severity.fromValue(label).orElse(Severity.MEDIUM);
        String workflow = finding.get("Workflow") instanceof Map<?, ?> w && w.get("Status") instanceof String st ? st : "NEW";
        boolean resolved = workflow.equals("RESOLVED") || "ARCHIVED".equals(finding.get("RecordState"));
        String resourceType = at(finding, "Resources", 0, "Type").orElse("aws");
        String title = finding.get("Title") instanceof String t ? t : "Security Hub finding";
        String description = finding.get("Description") instanceof String d ? d : null;
        return new AwsEventNormalizer.Notification(new Alert("aws-securityhub", severity,
                Names.truncate(title, 256),
                description == null ? null : Names.truncate(description, GenericAlertNormalizer.MAX_DESCRIPTION),
                Names.of(resourceType), "security", Names.truncate(id, GenericAlertNormalizer.MAX_DEDUP_KEY),
                securityHubLabels(finding, workflow), time(finding.get("UpdatedAt"), event, receivedAt),
                securityHubProvenance(finding, workflow, event)), resolved);
    }

    private static AwsEventNormalizer.Batch healthEvent(Map<String, Object> detail, Map<String, Object> event,
            Instant receivedAt) {
        String arn = text(detail, "eventArn").orElseThrow(() -> missing("detail.eventArn"));
        String category = text(detail, "eventTypeCategory").orElse("issue");
        Severity severity = category.equals("issue") ? Severity.HIGH
                : category.equals("scheduledChange") ? Severity.LOW : Severity.INFO;
        String service = text(detail, "service").orElse("aws");
        String code = text(detail, "eventTypeCode").orElse("AWS Health event");
        boolean closed = "closed".equals(text(detail, "statusCode").orElse(""));
        String description = detail.get("eventDescription") instanceof List<?> descriptions && !descriptions.isEmpty()
                && descriptions.get(0) instanceof Map<?, ?> d && d.get("latestDescription") instanceof String text
                ? text : null;
        Alert alert = new Alert("aws-health", severity, Names.truncate("AWS Health: " + code, 256),
                description == null ? null : Names.truncate(description, GenericAlertNormalizer.MAX_DESCRIPTION),
                Names.of(service.toLowerCase(Locale.ROOT)), "aws-health", Names.truncate(arn, GenericAlertNormalizer.MAX_DEDUP_KEY),
                Map.of("category", category), healthTime(detail, closed, event, receivedAt));
        return AwsEventNormalizer.Batch.of(new AwsEventNormalizer.Notification(alert, closed));
    }

    private static Instant healthTime(Map<String, Object> detail, boolean closed, Map<String, Object> event,
            Instant receivedAt) {
        Object stated = closed && detail.get("endTime") != null ? detail.get("endTime")
                : detail.get("lastUpdatedTime") != null ? detail.get("lastUpdatedTime") : detail.get("startTime");
        return time(stated, event, receivedAt);
    }

    /**
     * @return the time the detail states, else the event's {@code time}, else when it arrived; a
     *         stated time in no format we know counts as not stated (the event's time is then close)
     */
    private static Instant time(Object stated, Map<String, Object> event, Instant receivedAt) {
        return Timestamps.parseSourceTime(stated)
                .or(() -> Timestamps.parseSourceTime(event.get("time")))
                .orElse(receivedAt);
    }

    private static Map<String, String> guardDutyLabels(Map<String, Object> detail) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("type", Names.truncate(text(detail, "type").orElse(""), GenericAlertNormalizer.MAX_LABEL_VALUE));
        label(labels, "s3Bucket", at(detail, "resource", "s3BucketDetails", 0, "name"));
        label(labels, "securityGroupId",
                at(detail, "resource", "instanceDetails", "networkInterfaces", 0, "securityGroups", 0, "groupId"));
        String ports = String.join(",", guardDutyPorts(detail));
        if (!ports.isEmpty()) {
            labels.put("findingPorts", Names.truncate(ports, GenericAlertNormalizer.MAX_LABEL_VALUE));
        }
        return labels;
    }

    /**
     * The local ports a GuardDuty finding says were reached from outside, as {@code tcp/22}: each
     * probed port of a port probe, or the local port of an inbound connection. An outbound connection
     * (the instance is the actor) names none: no ingress rule is about it.
     */
    private static List<String> guardDutyPorts(Map<String, Object> detail) {
        List<String> ports = new ArrayList<>();
        if (detail.get("service") instanceof Map<?, ?> service && service.get("action") instanceof Map<?, ?> action) {
            if (action.get("portProbeAction") instanceof Map<?, ?> probe
                    && probe.get("portProbeDetails") instanceof List<?> details) {
                for (Object probed : details) {
                    number(probed, "localPortDetails", "port").ifPresent(port -> addPort(ports, "tcp", port));
                }
            }
            if (action.get("networkConnectionAction") instanceof Map<?, ?> connection
                    && "INBOUND".equals(connection.get("connectionDirection"))) {
                String protocol = connection.get("protocol") instanceof String p ? p.toLowerCase(Locale.ROOT) : "tcp";
                number(connection, "localPortDetails", "port").ifPresent(port -> addPort(ports, protocol, port));
            }
        }
        return ports;
    }

    private static void addPort(List<String> ports, String protocol, int port) {
        String entry = protocol + "/" + port;
        if (protocol.matches("tcp|udp") && port > 0 && port < 65536 && !ports.contains(entry)) {
            ports.add(entry);
        }
    }

    private static Optional<Integer> number(Object root, String... path) {
        Object node = root;
        for (String step : path) {
            node = node instanceof Map<?, ?> map ? map.get(step) : null;
        }
        return node instanceof Number n && n.doubleValue() == n.intValue() ? Optional.of(n.intValue()) : Optional.empty();
    }

    /**
     * GuardDuty's own event ({@code source aws.guardduty} on the default bus, which no customer can
     * put): product {@code aws/guardduty}; the finding's account and region name the resource's.
     */
    private static Provenance guardDutyProvenance(Map<String, Object> detail, Map<String, Object> event) {
        Map<?, ?> service = detail.get("service") instanceof Map<?, ?> m ? m : Map.of();
        boolean archived = Boolean.TRUE.equals(service.get("archived"));
        boolean sample = service.get("additionalInfo") instanceof Map<?, ?> info && Boolean.TRUE.equals(info.get("sample"));
        return new Provenance(Provenance.VERIFIED_BY_EVENTBRIDGE, "aws/guardduty",
                text(detail, "type").map(t -> Names.truncate(t, GenericAlertNormalizer.MAX_LABEL_VALUE)).orElse(null),
                null, null, archived ? "ARCHIVED" : "ACTIVE", sample,
                text(detail, "accountId").orElse(String.valueOf(event.get("account"))),
                text(detail, "region").orElse(String.valueOf(event.get("region"))));
    }

    /**
     * A Security Hub finding: the product is the tail of its {@code ProductArn} (Security Hub accepts
     * an import only under a product the importer may use, so {@code aws/securityhub} is Security Hub's
     * own control check), the control its {@code Compliance.SecurityControlId} (or the older
     * {@code ProductFields.ControlId}), the state its workflow status, or {@code ARCHIVED}.
     */
    private static Provenance securityHubProvenance(Map<?, ?> finding, String workflow, Map<String, Object> event) {
        String product = at(finding, "ProductArn").filter(arn -> arn.contains(":product/"))
                .map(arn -> arn.substring(arn.indexOf(":product/") + ":product/".length())).orElse("unknown");
        Optional<String> control = at(finding, "Compliance", "SecurityControlId")
                .or(() -> at(finding, "ProductFields", "ControlId"));
        boolean archived = "ARCHIVED".equals(finding.get("RecordState"));
        return new Provenance(Provenance.VERIFIED_BY_EVENTBRIDGE,
                Names.truncate(product, GenericAlertNormalizer.MAX_LABEL_VALUE),
                null, control.map(c -> Names.truncate(c, 64)).orElse(null),
                at(finding, "Compliance", "Status").orElse(null),
                archived ? "ARCHIVED" : workflow, Boolean.TRUE.equals(finding.get("Sample")),
                at(finding, "AwsAccountId").orElse(String.valueOf(event.get("account"))),
                at(finding, "Resources", 0, "Region").or(() -> at(finding, "Region"))
                        .orElse(String.valueOf(event.get("region"))));
    }

    private static Map<String, String> securityHubLabels(Map<?, ?> finding, String workflow) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("workflow", workflow);
        Optional<String> id = at(finding, "Resources", 0, "Id");
        Optional<String> type = at(finding, "Resources", 0, "Type");
        label(labels, "resourceArn", id);
        label(labels, "resourceType", type);
        if (type.equals(Optional.of("AwsS3Bucket"))) {
            label(labels, "s3Bucket", id.map(S3_BUCKET_ARN::matcher).filter(Matcher::matches).map(m -> m.group(1)));
        } else if (type.equals(Optional.of("AwsEc2SecurityGroup"))) {
            label(labels, "securityGroupId", id.map(SECURITY_GROUP::matcher).filter(Matcher::matches).map(m -> m.group(1)));
        }
        return labels;
    }

    private static void label(Map<String, String> labels, String name, Optional<String> value) {
        value.ifPresent(v -> labels.put(name, Names.truncate(v, GenericAlertNormalizer.MAX_LABEL_VALUE)));
    }

    /** @return the non-blank string at {@code path} (map keys and list indexes) under {@code root}, if there is one */
    private static Optional<String> at(Object root, Object... path) {
        Object node = root;
        for (Object step : path) {
            if (step instanceof String key && node instanceof Map<?, ?> map) {
                node = map.get(key);
            } else if (step instanceof Integer index && node instanceof List<?> list && index < list.size()) {
                node = list.get(index);
            } else {
                return Optional.empty();
            }
        }
        return node instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    private static String key(Map<String, Object> event, String name) {
        return Names.truncate(event.get("account") + ":" + event.get("region") + ":" + name,
                GenericAlertNormalizer.MAX_DEDUP_KEY);
    }

    private static Optional<String> text(Map<?, ?> map, String field) {
        return map.get(field) instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    /**
     * GuardDuty's severity is a number from 0 to 10; anything else (a label such as "HIGH", a numeric
     * string, nothing) is refused rather than guessed, since a guess decides whether someone is paged.
     */
    private static double guardDutyScore(Object severity) {
        if (severity instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 10) {
            return n.doubleValue();
        }
        String got = severity == null ? "none" : severity instanceof String text
                ? "the string \"" + Names.truncate(text, 32) + "\"" : Names.truncate(String.valueOf(severity), 32);
        throw new RejectedNotificationException("malformed_event", "The GuardDuty finding's detail.severity must be"
                + " a JSON number from 0 to 10 (GuardDuty's severity score, e.g. 8.2), got " + got + ".");
    }

    private static RejectedNotificationException missing(String field) {
        return new RejectedNotificationException("malformed_event", "The event has no " + field + ".");
    }
}
