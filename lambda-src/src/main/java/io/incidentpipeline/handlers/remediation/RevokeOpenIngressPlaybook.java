package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.common.ConfigurationException;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.playbook.PlaybookHandler;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in playbook that revokes the world-open ingress rules a finding is about of the
 * security group it names ({@link RevokeOpenIngressAction}), for the findings its trigger allow-list
 * names ({@link RemediationTriggers}), as a Lambda handler.
 *
 * <p>Environment: {@code TABLE_NAME}, {@code PLAYBOOK_NAME}, {@code DRY_RUN}, {@code MAX_RUN_ATTEMPTS},
 * {@code REMEDIATION_TRIGGERS}, {@code ACCOUNT_ID}, {@code PUBLIC_PORTS} (comma-separated, default {@code 80,443}).
 */
public final class RevokeOpenIngressPlaybook extends PlaybookHandler {
    /** For Lambda: configured from the environment, with the clients built once at init. */
    public RevokeOpenIngressPlaybook() {
        super(new RevokeOpenIngressAction(RemediationClients.securityGroupRules(),
                        new Environment(System.getenv()).required("ACCOUNT_ID"),
                        publicPorts(new Environment(System.getenv()))),
                RemediationTriggers.fromEnvironment(new Environment(System.getenv())));
    }

    /**
     * @return the ports in {@code PUBLIC_PORTS}
     * @throws ConfigurationException when one is not a port number
     */
    static Set<Integer> publicPorts(Environment env) {
        String value = env.optional("PUBLIC_PORTS", "80,443");
        try {
            return Arrays.stream(value.split(",")).map(String::strip).filter(p -> !p.isEmpty()).map(Integer::valueOf)
                    .peek(port -> {
                        if (port < 1 || port > 65535) {
                            throw new NumberFormatException("out of range: " + port);
                        }
                    })
                    .collect(Collectors.toUnmodifiableSet());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("PUBLIC_PORTS is '" + value + "'; set it to comma-separated port numbers"
                    + " 1-65535, e.g. 80,443 (" + e.getMessage() + ").");
        }
    }
}
