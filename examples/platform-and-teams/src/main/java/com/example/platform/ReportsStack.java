package com.example.platform;

import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreAttributes;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * What another app (here: another stack with no reference to the platform's) does with the
 * platform's table: imports it by name, with its key, and grants a reporting role the listing
 * queries. Nothing is exported or imported between stacks: the table is found by its name.
 */
public class ReportsStack extends Stack {
    private final IIncidentStore platformIncidents;

    /**
     * @param tableKeyArn the ARN of the platform table's key (from the platform team, e.g. an SSM parameter)
     */
    public ReportsStack(Construct scope, String id, StackProps props, String tableKeyArn) {
        super(scope, id, props);
        platformIncidents = IncidentStore.fromStoreAttributes(this, "PlatformIncidents", IncidentStoreAttributes.builder()
                .tableName(IncidentPipeline.tableName(PlatformStack.STAGE))
                .encryptionKey(Key.fromKeyArn(this, "PlatformTableKey", tableKeyArn))
                .build());
        Role reporting = Role.Builder.create(this, "Reporting")
                .assumedBy(new AccountRootPrincipal())
                .description("Weekly incident reports: lists open incidents")
                .build();
        platformIncidents.grantQuery(reporting, IncidentStore.STATUS_INDEX);
    }

    /** @return the imported table */
    public IIncidentStore getPlatformIncidents() {
        return platformIncidents;
    }
}
