package io.incidentpipeline.store;

import io.incidentpipeline.guardrails.Guardrails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableAttributesV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The incident table: DynamoDB, on-demand, point-in-time recovery, encrypted, with a stream of new
 * and old images that the publisher turns into bus events.
 *
 * <h2>Key design</h2>
 * <ul>
 *   <li>{@code pk = FP#<fingerprint>, sk = INCIDENT}: the current incident of a fingerprint. Dedup is
 *       one conditional UpdateItem on this key: it creates the incident or bumps its occurrence count,
 *       atomically, with no transaction (half the write cost, and no second item to keep in step).</li>
 *   <li>{@code pk = INC#<incidentId>}: the items of one incident besides its head: {@code sk =
 *       TL#<at>#<sequence>} its timeline entries (written by the publisher from the stream),
 *       {@code sk = PLAYBOOK#<name>} a playbook's run record (written with {@code attribute_not_exists}
 *       so a redelivered event acts once), {@code sk = INCIDENT} its archived copy once a new alert
 *       replaced the resolved incident as its fingerprint's current one. "Get with timeline" is one
 *       Query of this partition.</li>
 *   <li>Index {@value #STATUS_INDEX} ({@code gsi1pk = STATUS#<status>}, {@code gsi1sk = <openedAt>#<id>}):
 *       open incidents newest first with one Query ({@code ScanIndexForward=false}), never a Scan.
 *       It projects only attributes that a duplicate alert never changes, so the hot path of a noisy
 *       alert (occurrences, lastSeenAt) costs no index write at all.</li>
 *   <li>Index {@value #SERVICE_INDEX} ({@code gsi2pk = STATUS#<status>#SERVICE#<service>}, sort {@code gsi1sk}):
 *       one service's incidents of one status, newest first; same projection, same write pattern.</li>
 *   <li>Index {@value #ID_INDEX} ({@code incidentId}, keys only): finds an incident's item by id for
 *       the operator API. A duplicate never changes {@code incidentId}, so it costs no write here either.</li>
 *   <li>{@code pk = TALLY#<incidentId>#<shard>, sk = TALLY}: an open incident's duplicates, counted
 *       apart from its item (1 write unit however large the incident), over two partitions, so a storm
 *       on one fingerprint stays below the 1,000 write units a second one partition serves.</li>
 *   <li>{@code pk = DELIVERY#<source>#<deliveryId>, sk = DELIVERY}: a source's delivery id, remembered
 *       for the delivery horizon so that a redelivery changes nothing. Its {@value #TIME_TO_LIVE_ATTRIBUTE}
 *       is the table's TTL attribute: DynamoDB deletes it afterwards, so this storage stays bounded by
 *       the deliveries of one horizon (about 100 bytes each).</li>
 * </ul>
 * A status partition takes the index writes of incident openings and transitions only, far below
 * the 1,000 writes/s a partition serves.
 */
public final class IncidentStore extends Construct {
    /** Partition key attribute. */
    public static final String PARTITION_KEY = "pk";
    /** Sort key attribute. */
    public static final String SORT_KEY = "sk";
    /** Index that lists incidents of one status by recency. */
    public static final String STATUS_INDEX = "byStatus";
    /** The attributes the listing indexes ({@value #STATUS_INDEX}, {@value #SERVICE_INDEX}) carry besides their keys. */
    public static final List<String> STATUS_INDEX_ATTRIBUTES =
            List.of("incidentId", "title", "severity", "service", "source", "status", "openedAt");

    /** Index that lists one service's incidents of one status by recency. */
    public static final String SERVICE_INDEX = "byService";
    /** Index that finds an incident's item by its id. */
    public static final String ID_INDEX = "byId";
    /** The TTL attribute: epoch seconds after which DynamoDB deletes the item (remembered deliveries). */
    public static final String TIME_TO_LIVE_ATTRIBUTE = "expiresAt";

    private final ITableV2 table;

    /** Creates the store with every default of {@link IncidentStoreProps}. */
    public IncidentStore(Construct scope, String id) {
        this(scope, id, IncidentStoreProps.builder().build());
    }

    public IncidentStore(Construct scope, String id, IncidentStoreProps props) {
        super(scope, id);
        table = TableV2.Builder.create(this, "Resource")
                .tableName(props.getTableName())
                .replicas(props.getReplicaRegions().stream()
                        .map(region -> ReplicaTableProps.builder().region(region).build())
                        .collect(Collectors.toList()))
                .multiRegionConsistency(props.getConsistency())
                .partitionKey(stringKey(PARTITION_KEY))
                .sortKey(stringKey(SORT_KEY))
                .billing(Billing.onDemand())
                .pointInTimeRecoverySpecification(
                        PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                .dynamoStream(StreamViewType.NEW_AND_OLD_IMAGES)
                .timeToLiveAttribute(TIME_TO_LIVE_ATTRIBUTE)
                .encryption(props.getEncryption())
                .deletionProtection(props.isDeletionProtection())
                .removalPolicy(props.getRemovalPolicy())
                .globalSecondaryIndexes(List.of(
                        listingIndex(STATUS_INDEX, "gsi1pk"),
                        listingIndex(SERVICE_INDEX, "gsi2pk"),
                        GlobalSecondaryIndexPropsV2.builder()
                                .indexName(ID_INDEX)
                                .partitionKey(stringKey("incidentId"))
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build()))
                .build();
    }

    /** A listing index: incidents of one partition newest first, with the summary attributes. */
    private static GlobalSecondaryIndexPropsV2 listingIndex(String name, String partitionKey) {
        return GlobalSecondaryIndexPropsV2.builder()
                .indexName(name)
                .partitionKey(stringKey(partitionKey))
                .sortKey(stringKey("gsi1sk"))
                .projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(STATUS_INDEX_ATTRIBUTES)
                .build();
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private IncidentStore(Construct scope, String id, String tableName) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String tableArn = stack.formatArn(ArnComponents.builder()
                .service("dynamodb").resource("table").resourceName(tableName).build());
        // A replica's stream ARN carries a creation timestamp that no template knows: ask DynamoDB.
        LogGroup lookupLogs = LogGroup.Builder.create(this, "StreamLookupLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // An own role instead of the provider's default one, which carries an AWS managed policy.
        Role lookupRole = Role.Builder.create(this, "StreamLookupRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Looks up the stream ARN of the incident table's replica at deploy time")
                .build();
        lookupLogs.grantWrite(lookupRole);
        AwsCustomResource lookup = AwsCustomResource.Builder.create(this, "StreamLookup")
                .role(lookupRole)
                .memorySize(256)
                .onUpdate(AwsSdkCall.builder()
                        .service("DynamoDB")
                        .action("describeTable")
                        .parameters(Map.of("TableName", tableName))
                        .physicalResourceId(PhysicalResourceId.of(tableName))
                        .outputPaths(List.of("Table.LatestStreamArn"))
                        .build())
                .policy(AwsCustomResourcePolicy.fromSdkCalls(SdkCallsPolicyOptions.builder()
                        .resources(List.of(tableArn)).build()))
                .installLatestAwsSdk(false)
                .logGroup(lookupLogs)
                .build();
        acknowledgeLookupProvider(stack);
        table = TableV2.fromTableAttributes(this, "Resource", TableAttributesV2.builder()
                .tableArn(tableArn)
                .tableStreamArn(lookup.getResponseField("Table.LatestStreamArn"))
                .grantIndexPermissions(true)
                .build());
    }

    /** The stack-wide provider function of AwsCustomResource runs only while CloudFormation deploys. */
    private static void acknowledgeLookupProvider(Stack stack) {
        IConstruct provider = stack.getNode().findChild("AWS" + AwsCustomResource.PROVIDER_FUNCTION_UUID.replace("-", ""));
        String reason = "CDK's AwsCustomResource provider, invoked by CloudFormation only during a deployment for one"
                + " DescribeTable call; a failure fails and rolls back the deployment, there is no event to keep or trace.";
        Guardrails.acknowledge(provider, "Serverless-LambdaDLQ", reason);
        Guardrails.acknowledge(provider, "Serverless-LambdaTracing", reason);
    }

    /**
     * The replica, in this stack's region, of a global table created by an {@code IncidentStore}
     * with {@code replicaRegions} in another region's stack. Its stream ARN is looked up at deploy
     * time, so deploy the table's stack first (add a stack dependency).
     *
     * @param tableName the global table's name (IncidentStoreProps.tableName)
     */
    public static IncidentStore fromReplica(Construct scope, String id, String tableName) {
        return new IncidentStore(scope, id, tableName);
    }

    /** @return requests DynamoDB throttled, for the item operations the handlers use (sum per 5 minutes) */
    public IMetric metricThrottledRequests() {
        return table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                .operations(List.of(Operation.UPDATE_ITEM, Operation.PUT_ITEM, Operation.GET_ITEM, Operation.QUERY))
                .build());
    }

    /** @return the table */
    public ITableV2 getTable() {
        return table;
    }

    /** Grants item reads, writes and index queries on the table and its indexes. */
    public Grant grantReadWriteData(IGrantable grantee) {
        return table.grantReadWriteData(grantee);
    }

    /**
     * Grants named item actions on the table itself, not on its indexes: what a handler needs that
     * writes or reads single items by key (e.g. {@code dynamodb:UpdateItem}).
     */
    public Grant grantItemActions(IGrantable grantee, String... actions) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * Grants {@code dynamodb:Query} on the table and named indexes only: the reads of a handler
     * that lists incidents or reads one incident's partition, with no Scan and no other index.
     */
    public Grant grantQuery(IGrantable grantee, String... indexNames) {
        List<String> resources = new ArrayList<>(List.of(table.getTableArn()));
        for (String index : indexNames) {
            resources.add(table.getTableArn() + "/index/" + index);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("dynamodb:Query"))
                .resourceArns(resources)
                .build());
    }

    /** Grants item reads and index queries. */
    public Grant grantReadData(IGrantable grantee) {
        return table.grantReadData(grantee);
    }
}
