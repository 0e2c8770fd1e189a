package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.Json;
import io.incidentpipeline.handlers.playbook.PlaybookGuard;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.store.Provenance;
import io.incidentpipeline.handlers.store.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trigger allow-list of a built-in remediation, as its construct deploys it (the same data as
 * its EventBridge rule, in {@code REMEDIATION_TRIGGERS}), checked again on the incident as the table
 * holds it: only an AWS finding that the pipeline verified itself, of this account and region, not
 * a sample, of an allowed product, finding type or control, state and minimum severity.
 */
public final class RemediationTriggers implements PlaybookGuard {
    /**
     * One allowed kind of finding.
     *
     * @param product            e.g. {@code aws/securityhub}
     * @param findingTypes       GuardDuty finding types, or empty
     * @param controlIds         Security Hub control ids, or empty
     * @param findingStates      e.g. {@code NEW}, {@code ACTIVE}
     * @param complianceStatuses for control findings, e.g. {@code FAILED}; empty: not checked
     * @param minimumSeverity    the least severity that triggers
     */
    public record Trigger(String product, Set<String> findingTypes, Set<String> controlIds, Set<String> findingStates,
            Set<String> complianceStatuses, Severity minimumSeverity) {

        boolean matches(Provenance provenance, Severity severity) {
            boolean kind = provenance.findingType() != null ? findingTypes.contains(provenance.findingType())
                    : provenance.controlId() != null && controlIds.contains(provenance.controlId());
            return product.equals(provenance.product()) && kind && findingStates.contains(provenance.findingState())
                    && (complianceStatuses.isEmpty() || complianceStatuses.contains(provenance.complianceStatus()))
                    // Severity lists the most urgent first.
                    && severity.ordinal() <= minimumSeverity.ordinal();
        }
    }

    private final List<Trigger> triggers;
    private final String account;
    private final String region;

    /**
     * @param triggers the allowed findings, at least one
     * @param account  the account the playbook acts in
     * @param region   the region the playbook acts in
     */
    public RemediationTriggers(List<Trigger> triggers, String account, String region) {
        this.triggers = List.copyOf(triggers);
        this.account = account;
        this.region = region;
    }

    /**
     * @param env {@code REMEDIATION_TRIGGERS} (a JSON array, as {@code FindingTrigger} writes it),
     *            {@code ACCOUNT_ID}, {@code AWS_REGION}
     * @throws ConfigurationException naming the variable and what is wrong with it
     */
    public static RemediationTriggers fromEnvironment(Environment env) {
        String json = env.required("REMEDIATION_TRIGGERS");
        List<Trigger> triggers = new ArrayList<>();
        try {
            if (!(Json.read(json) instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException("not a non-empty JSON array");
            }
            for (Object item : list) {
                Map<?, ?> trigger = (Map<?, ?>) item;
                triggers.add(new Trigger((String) trigger.get("product"), strings(trigger, "findingTypes"),
                        strings(trigger, "controlIds"), strings(trigger, "findingStates"),
                        strings(trigger, "complianceStatuses"),
                        Severity.fromValue((String) trigger.get("minimumSeverity")).orElseThrow(
                                () -> new IllegalArgumentException("minimumSeverity " + trigger.get("minimumSeverity")))));
            }
        } catch (RuntimeException e) {
            throw new ConfigurationException("REMEDIATION_TRIGGERS is not the trigger list the playbook's construct"
                    + " writes (" + e.getMessage() + "); redeploy the playbook with its construct.");
        }
        return new RemediationTriggers(triggers, env.required("ACCOUNT_ID"), env.required("AWS_REGION"));
    }

    private static Set<String> strings(Map<?, ?> trigger, String field) {
        Object value = trigger.get(field);
        return value == null ? Set.of() : Set.copyOf(((List<?>) value).stream().map(String.class::cast).toList());
    }

    @Override
    public Optional<String> refusal(PlaybookIncident incident) {
        Provenance provenance = incident.provenance();
        if (provenance == null || !Provenance.VERIFIED_BY_EVENTBRIDGE.equals(provenance.verifiedBy())) {
            return Optional.of("Incident " + incident.incidentId() + " (source " + incident.source() + ") is not an AWS"
                    + " finding the pipeline verified itself; built-in remediations act on those only. Nothing was changed.");
        }
        if (provenance.sample()) {
            return Optional.of("The finding is a sample finding (" + provenance.product() + "); nothing was changed.");
        }
        if (!account.equals(provenance.awsAccount()) || !region.equals(provenance.awsRegion())) {
            return Optional.of("The finding's resource is in account " + provenance.awsAccount() + ", region "
                    + provenance.awsRegion() + "; this playbook acts only in its own, account " + account + ", region "
                    + region + ". Nothing was changed.");
        }
        Severity severity = Severity.fromValue(incident.severity()).orElse(Severity.INFO);
        if (triggers.stream().noneMatch(trigger -> trigger.matches(provenance, severity))) {
            String kind = provenance.findingType() != null ? "finding type " + provenance.findingType()
                    : "control " + provenance.controlId();
            return Optional.of("No trigger of this playbook allows a " + incident.severity() + " finding of "
                    + provenance.product() + ", " + kind + ", state " + provenance.findingState()
                    + (provenance.complianceStatus() == null ? "" : ", compliance " + provenance.complianceStatus())
                    + "; nothing was changed. Its triggers are listed in the README's \"Remediation safety\" section.");
        }
        return Optional.empty();
    }
}
