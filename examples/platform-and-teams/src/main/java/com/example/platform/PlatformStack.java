package com.example.platform;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The platform team's pipeline: the whole pipeline under a stage name, so that other apps find its
 * table by name, on a table encrypted with the platform's own key.
 */
public class PlatformStack extends Stack {
    /** The stage name: the table is {@code incident-pipeline-platform-incidents}. */
    public static final String STAGE = "platform";
    private final IncidentPipeline incidents;

    public PlatformStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        Key tableKey = Key.Builder.create(this, "IncidentTableKey")
                .description("The platform's incident table")
                .enableKeyRotation(true)
                .build();
        incidents = new IncidentPipeline(this, "Incidents", IncidentPipelineProps.builder()
                .stageName(STAGE)
                .disposable(true)
                .notifyEmails(List.of("platform-oncall@example.com"))
                .storeProps(IncidentStoreProps.builder()
                        .tableName(IncidentPipeline.tableName(STAGE))
                        .encryption(TableEncryptionV2.customerManagedKey(tableKey))
                        .build())
                .build());
    }

    /** @return the pipeline */
    public IncidentPipeline getIncidents() {
        return incidents;
    }
}
