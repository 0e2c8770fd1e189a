package io.incidentpipeline.store;

import io.incidentpipeline.lambda.DeployTimeSdkCalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.dynamodb.MultiRegionConsistency;
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
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

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
 *   <li>Index {@value #DUE_INDEX} ({@code due} = the kind of work, {@code dueAt}; keys only): items with
 *       work due at a time, such as a change its own region has not announced yet; every region's
 *       sweeper queries it for what fell due before now ({@link io.incidentpipeline.routing.DueWorkSweeper}).
 *       A change writes it, the claim of its announcement writes it again; a duplicate never does.
 *       Announced items stay in it with {@code dueAt = NONE}, after every time a sweep asks for.</li>
 *   <li>{@code pk = TALLY#<incidentId>#<shard>, sk = TALLY}: an open incident's duplicates, counted
 *       apart from its item (1 write unit however large the incident), over two partitions, so a storm
 *       on one fingerprint stays below the 1,000 write units a second one partition serves.</li>
 *   <li>{@code pk = DELIVERY#<source>#<deliveryId>, sk = DELIVERY}: a source's delivery id, remembered
 *       for the delivery horizon so that a redelivery changes nothing. Its {@value #TIME_TO_LIVE_ATTRIBUTE}
 *       is the table's TTL attribute: DynamoDB deletes it afterwards, so this storage stays bounded by
 *       the deliveries of one horizon (about 100 bytes each). A multi-Region strongly consistent table
 *       gets no TTL (DynamoDB may not support it there): its delivery items stay, about 100 bytes per
 *       delivery that carries an id, and the handler treats an expired one as absent.</li>
 * </ul>
 * A status partition, like the due partition, takes the index writes of incident openings and
 * transitions only, far below the 1,000 writes/s a partition serves.
 */
public final class IncidentStore extends Construct {
    /** Partition key attribute. */
    public static final String PARTITION_KEY = "pk";
    /** Sort key attribute. */
    public static final String SORT_KEY = "sk";
    /** The partition keys of an incident's own items, which hold its playbook run records. */
    public static final String RUN_RECORD_PARTITIONS = "INC#*";
    /** Index that lists incidents of one status by recency. */
    public static final String STATUS_INDEX = "byStatus";
    /** The attributes the listing indexes ({@value #STATUS_INDEX}, {@value #SERVICE_INDEX}) carry besides their keys. */
    public static final List<String> STATUS_INDEX_ATTRIBUTES =
            List.of("incidentId", "title", "severity", "service", "source", "status", "openedAt");

    /** Index that lists one service's incidents of one status by recency. */
    public static final String SERVICE_INDEX = "byService";
    /** Index that finds an incident's item by its id. */
    public static final String ID_INDEX = "byId";
    /** Index of due work: items by the kind of work ({@code due}) and when it falls due ({@code dueAt}). */
    public static final String DUE_INDEX = "byDue";
    /**
     * The TTL attribute: epoch seconds after which DynamoDB deletes the item (remembered deliveries).
     * Not set on a multi-Region strongly consistent table.
     */
    public static final String TIME_TO_LIVE_ATTRIBUTE = "expiresAt";

    /** Item actions that only read: with a customer-managed key they need decrypt, not encrypt. */
    private static final Set<String> READ_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");

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
                .timeToLiveAttribute(stronglyConsistent(props) ? null : TIME_TO_LIVE_ATTRIBUTE)
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
                                .build(),
                        GlobalSecondaryIndexPropsV2.builder()
                                .indexName(DUE_INDEX)
                                .partitionKey(stringKey("due"))
                                .sortKey(stringKey("dueAt"))
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build()))
                .build();
    }

    /**
     * @return whether the table is multi-Region strongly consistent: replicas and STRONG consistency.
     *         It gets no TTL, which DynamoDB is not known to support on such tables.
     */
    private static boolean stronglyConsistent(IncidentStoreProps props) {
        return props.getConsistency() == MultiRegionConsistency.STRONG && !props.getReplicaRegions().isEmpty();
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
        boolean writes = Arrays.stream(actions).anyMatch(a -> !READ_ACTIONS.contains(a));
        grantKey(grantee, writes);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(List.of(table.getTableArn()))
                .build());
    }

    /**
     * With a customer-managed key, every grant on the table needs one on the key too, or the first
     * read or write is denied: decrypt for reads, and encrypt and data keys for writes (what
     * {@code TableV2.grantReadWriteData} grants on the key).
     */
    private void grantKey(IGrantable grantee, boolean writes) {
        IKey key = table.getEncryptionKey();
        if (key == null) {
            return;
        }
        if (writes) {
            key.grantEncryptDecrypt(grantee);
        } else {
            key.grantDecrypt(grantee);
        }
    }

    /**
     * Grants what a playbook needs on the table: {@code dynamodb:GetItem} (it reads the incident an
     * event names), and {@code dynamodb:PutItem} and {@code UpdateItem} on items whose partition key
     * is an incident's own partition ({@code INC#…}, condition {@code dynamodb:LeadingKeys}): its run
     * records. It can write no current incident ({@code FP#…}), the only items the publisher announces
     * as incident events.
     */
    public Grant grantRunRecordWrites(IGrantable grantee) {
        Grant reads = grantItemActions(grantee, "dynamodb:GetItem");
        grantKey(grantee, true);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem", "dynamodb:UpdateItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of(RUN_RECORD_PARTITIONS))))
                .build());
        return reads;
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
        grantKey(grantee, false);
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
