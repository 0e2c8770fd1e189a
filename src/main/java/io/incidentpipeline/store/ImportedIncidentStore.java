package io.incidentpipeline.store;

import io.incidentpipeline.lambda.DeployTimeSdkCalls;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.dynamodb.TableAttributesV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

/** An incident table this stack did not create: {@link IncidentStore}'s imports. */
final class ImportedIncidentStore extends IncidentStoreBase {
    private final ITableV2 table;

    private ImportedIncidentStore(Construct scope, String id, TableAttributesV2.Builder attributes) {
        super(scope, id);
        table = TableV2.fromTableAttributes(this, "Resource", attributes.grantIndexPermissions(true).build());
    }

    static IIncidentStore of(Construct scope, String id, IncidentStoreAttributes attributes) {
        return new ImportedIncidentStore(scope, id, TableAttributesV2.builder()
                .tableName(attributes.getTableName())
                .tableArn(attributes.getTableArn())
                .tableStreamArn(attributes.getTableStreamArn())
                .encryptionKey(attributes.getEncryptionKey()));
    }

    /** The replica of a global table in this stack's region, its stream ARN looked up at deploy time. */
    private ImportedIncidentStore(Construct scope, String id, String tableName) {
        super(scope, id);
        String tableArn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("dynamodb").resource("table").resourceName(tableName).build());
        // A replica's stream ARN carries a creation timestamp that no template knows: ask DynamoDB.
        AwsCustomResource lookup = DeployTimeSdkCalls.call(this, "StreamLookup", "the replica's stream lookup",
                AwsSdkCall.builder()
                        .service("DynamoDB")
                        .action("describeTable")
                        .parameters(Map.of("TableName", tableName))
                        .physicalResourceId(PhysicalResourceId.of(tableName))
                        .outputPaths(List.of("Table.LatestStreamArn"))
                        .build(),
                null, List.of(tableArn));
        table = TableV2.fromTableAttributes(this, "Resource", TableAttributesV2.builder()
                .tableArn(tableArn)
                .tableStreamArn(lookup.getResponseField("Table.LatestStreamArn"))
                .grantIndexPermissions(true)
                .build());
    }

    static IIncidentStore replica(Construct scope, String id, String tableName) {
        return new ImportedIncidentStore(scope, id, tableName);
    }

    @Override
    public ITableV2 getTable() {
        return table;
    }
}
