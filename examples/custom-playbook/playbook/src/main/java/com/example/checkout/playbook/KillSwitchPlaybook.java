package com.example.checkout.playbook;

import io.incidentpipeline.handlers.playbook.PlaybookGuard;
import io.incidentpipeline.handlers.playbook.PlaybookHandler;
import io.incidentpipeline.handlers.playbook.PlaybookIncidents;
import io.incidentpipeline.handlers.playbook.PlaybookRuns;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda handler ({@code com.example.checkout.playbook.KillSwitchPlaybook::handleRequest}).
 * Environment: what {@code addPlaybook} sets for every playbook ({@code TABLE_NAME},
 * {@code PLAYBOOK_NAME}, {@code DRY_RUN}, {@code MAX_RUN_ATTEMPTS}), and {@code FLAGS_TABLE}, this
 * playbook's own.
 */
public final class KillSwitchPlaybook extends PlaybookHandler {
    /** The flags this team may turn off: its own, never another team's, whatever an incident's label says. */
    public static final PlaybookGuard OWN_FLAGS = incident -> {
        String flag = incident.labels().getOrDefault(KillSwitch.FLAG_LABEL, "");
        return flag.startsWith("checkout-") || flag.startsWith("payments-") || flag.isEmpty() ? Optional.empty()
                : Optional.of("Feature flag " + flag + " is not the checkout or payments team's; left alone.");
    };

    /** For Lambda: the clients built once, at init. */
    public KillSwitchPlaybook() {
        super(new KillSwitch(new FeatureFlags(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                flagsTable())), OWN_FLAGS);
    }

    private static String flagsTable() {
        String table = System.getenv("FLAGS_TABLE");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("FLAGS_TABLE is not set: the CDK app sets it to the flags table's name.");
        }
        return table;
    }

    /**
     * For tests: the SDK's run records and incident reads, and the flags, on any table.
     *
     * @param runs      the run records
     * @param incidents where the incidents are read
     * @param flags     the feature flags
     * @param dryRun    whether to only report
     * @param clock     the time of the run records
     */
    public KillSwitchPlaybook(PlaybookRuns runs, PlaybookIncidents incidents, FeatureFlags flags, boolean dryRun,
            Clock clock) {
        super(runs, incidents, new KillSwitch(flags), OWN_FLAGS, dryRun, 2, clock);
    }
}
