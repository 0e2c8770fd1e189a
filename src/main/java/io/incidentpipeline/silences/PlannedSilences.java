package io.incidentpipeline.silences;

import io.incidentpipeline.lambda.DeployTimeSdkCalls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.constructs.Construct;

/**
 * Declares maintenance windows with the deployment: every deployment writes them, whole, to one item
 * of the incident table ({@code SILENCES/PLANNED}, a {@code PutItem} made by CloudFormation through
 * an SDK call), so the item always holds exactly the windows declared; removing this construct
 * deletes the item. The ingest functions read it with the silences made through the operator API
 * (two {@code GetItem}s, cached), and the operator API lists the windows with {@code origin:
 * "cdk.json"}; they are changed here, not through the API.
 *
 * <p>Create it once, in the stack that owns the global table: the table replicates the item to
 * every region. It costs nothing while idle (one SDK call per deployment).
 */
public final class PlannedSilences extends Construct {
    /** The partition and sort key of the item the windows are written to (the handlers' {@code Silences}). */
    static final Map<String, Object> ITEM_KEY = Map.of("pk", Map.of("S", "SILENCES"), "sk", Map.of("S", "PLANNED"));

    private final AwsCustomResource resource;

    /**
     * Writes the windows at each deployment.
     *
     * @param scope the construct this one is created in: the stack that owns the table
     * @param id    the construct id, unique within {@code scope}
     * @param props the table and the windows
     */
    public PlannedSilences(Construct scope, String id, PlannedSilencesProps props) {
        super(scope, id);
        String table = props.getStore().getTable().getTableName();
        Map<String, Object> item = new LinkedHashMap<>(ITEM_KEY);
        props.getSilences().forEach(silence -> item.put(silence.getSilenceId(), silence.toAttribute()));
        resource = DeployTimeSdkCalls.call(this, "Resource", "the planned silences of cdk.json",
                AwsSdkCall.builder()
                        .service("DynamoDB")
                        .action("putItem")
                        .parameters(Map.of("TableName", table, "Item", item))
                        .physicalResourceId(PhysicalResourceId.of("planned-silences"))
                        .build(),
                AwsSdkCall.builder()
                        .service("DynamoDB")
                        .action("deleteItem")
                        .parameters(Map.of("TableName", table, "Key", ITEM_KEY))
                        .build(),
                List.of(props.getStore().getTable().getTableArn()));
        if (props.getStore().getTable().getEncryptionKey() != null) {
            props.getStore().getTable().getEncryptionKey().grantEncryptDecrypt(resource);
        }
    }

    /** @return the SDK call that writes the windows */
    public AwsCustomResource getResource() {
        return resource;
    }
}
