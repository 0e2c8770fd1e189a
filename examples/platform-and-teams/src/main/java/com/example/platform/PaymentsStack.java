package com.example.platform;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.routing.IncidentBus;
import io.incidentpipeline.routing.IncidentBusProps;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * A second pipeline in the same account, the payments team's, on a table and a bus the team
 * creates itself (its own archive retention, its own table settings): nothing is named after a
 * stage, so CloudFormation names everything and the two pipelines never collide.
 */
public class PaymentsStack extends Stack {
    private final IncidentStore store;
    private final IncidentBus bus;
    private final IncidentPipeline incidents;

    public PaymentsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        store = new IncidentStore(this, "PaymentsIncidents", IncidentStoreProps.builder()
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
        bus = new IncidentBus(this, "PaymentsEvents", IncidentBusProps.builder()
                .archiveRetention(Duration.days(30))
                .build());
        incidents = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
                .disposable(true)
                .store(store)
                .bus(bus)
                .operatorApi(false)
                .throttlingRateLimit(20)
                .throttlingBurstLimit(40)
                .build());
    }

    /** @return the team's own table */
    public IncidentStore getStore() {
        return store;
    }

    /** @return the team's own bus */
    public IncidentBus getBus() {
        return bus;
    }

    /** @return the pipeline */
    public IncidentPipeline getIncidents() {
        return incidents;
    }
}
