package io.incidentpipeline.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.routing.DueWorkSweeper;
import io.incidentpipeline.routing.IncidentPublisher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.IStableStringProducer;
import software.amazon.awscdk.Lazy;
import software.constructs.Construct;

/**
 * The policies of one sweeper, in the order they were created, as the handlers read them from
 * {@value #ENVIRONMENT_VARIABLE} (docs/CONTRACTS.md, "Escalation"): the sweeper fires their levels,
 * and the publisher starts an incident's escalation when it announces its opening. Targets are not
 * in it: the bus's rules route each level. A construct without resources, kept under the sweeper so
 * every policy of that sweeper finds the same list.
 */
final class EscalationPolicies extends Construct {
    /** The environment variable of the sweeper and the publisher. */
    static final String ENVIRONMENT_VARIABLE = "ESCALATION_POLICIES";
    /**
     * The most characters the policies may take: a function's environment holds 4 KB in all, and
     * the publisher's and the sweeper's other variables take about 600 bytes.
     */
    static final int MAX_JSON_LENGTH = 3000;
    private static final String ID = "EscalationPolicies";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> policies = new ArrayList<>();

    private EscalationPolicies(DueWorkSweeper sweeper, IncidentPublisher publisher) {
        super(sweeper, ID);
        String policiesJson = Lazy.string(new IStableStringProducer() {
            @Override
            public String produce() {
                return json();
            }
        });
        sweeper.getFunction().getFunction().addEnvironment(ENVIRONMENT_VARIABLE, policiesJson);
        publisher.getFunction().getFunction().addEnvironment(ENVIRONMENT_VARIABLE, policiesJson);
    }

    /** @return the policies of {@code sweeper}, whose escalations {@code publisher}'s announcements start */
    static EscalationPolicies of(DueWorkSweeper sweeper, IncidentPublisher publisher) {
        Construct existing = (Construct) sweeper.getNode().tryFindChild(ID);
        return existing != null ? (EscalationPolicies) existing : new EscalationPolicies(sweeper, publisher);
    }

    /**
     * Adds a policy after the others.
     *
     * @throws IllegalArgumentException when its name is taken or the policies outgrow the environment
     */
    void add(EscalationPolicyProps props) {
        if (policies.stream().anyMatch(p -> p.get("name").equals(props.getName()))) {
            throw new IllegalArgumentException("EscalationPolicyProps.name: a policy named '" + props.getName()
                    + "' escalates through this sweeper already; give each policy its own name");
        }
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", props.getName());
        policy.put("match", props.getMatch().toIncidentMatch());
        List<Map<String, Object>> levels = new ArrayList<>();
        for (EscalationLevel level : props.getLevels()) {
            // Ordered: the environment, and so the template, must not change from one synth to the next.
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("afterSeconds", level.getAfter().toSeconds().longValue());
            entry.put("targets", level.getTargets().stream().map(EscalationTarget::getName).toList());
            levels.add(entry);
        }
        policy.put("levels", levels);
        if (props.getRepeatEvery() != null) {
            policy.put("repeatEverySeconds", props.getRepeatEvery().toSeconds().longValue());
        }
        policies.add(policy);
        if (json().length() > MAX_JSON_LENGTH) {
            policies.remove(policies.size() - 1);
            throw new IllegalArgumentException("Escalation policy " + props.getName() + " does not fit: the policies"
                    + " would take more than " + MAX_JSON_LENGTH + " characters of the functions' environment (4 KB in"
                    + " all). Merge policies (one policy can match several services and severities) or shorten names");
        }
    }

    private String json() {
        try {
            return JSON.writeValueAsString(policies);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("escalation policies not serializable", e);
        }
    }
}
