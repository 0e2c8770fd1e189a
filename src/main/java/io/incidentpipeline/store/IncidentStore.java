package io.incidentpipeline.store;

import io.incidentpipeline.PropsChecks;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexPropsV2;
import software.amazon.awscdk.services.dynamodb.MultiRegionConsistency;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableV2;
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
public class IncidentStore extends IncidentStoreBase {
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

    private final TableV2 table;

    /**
     * Creates the store with every default of {@link IncidentStoreProps}.
     *
     * @param scope the parent construct
     * @param id the construct id
     */
    public IncidentStore(Construct scope, String id) {
        this(scope, id, IncidentStoreProps.builder().build());
    }

    /**
     * Creates the table.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the table's properties
     */
    public IncidentStore(Construct scope, String id, IncidentStoreProps props) {
        super(scope, id);
        PropsChecks.required(props, "IncidentStore '" + id + "': props must not be null; use IncidentStoreProps.builder().build()");
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

    /**
     * The replica, in this stack's region, of a global table created by an {@code IncidentStore}
     * with {@code replicaRegions} in another region's stack. Its stream ARN is looked up at deploy
     * time, so deploy the table's stack first (add a stack dependency).
     *
     * @param scope the scope of the import
     * @param id the import's construct id
     * @param tableName the global table's name ({@link IncidentStoreProps#getTableName()})
     * @return the replica, with the same grants and metrics as a store this stack creates
     */
    public static IIncidentStore fromReplica(Construct scope, String id, String tableName) {
        return ImportedIncidentStore.replica(scope, id, tableName);
    }

    /**
     * An incident table created elsewhere (another stack or app, or by hand with the same key
     * design), by name or ARN, with its stream ARN when a publisher reads it and its key when it
     * is encrypted with a customer-managed key (so grants cover the key).
     *
     * <pre>{@code
     * IIncidentStore store = IncidentStore.fromStoreAttributes(this, "Store", IncidentStoreAttributes.builder()
     *         .tableName("incident-pipeline-prod-incidents")
     *         .build());
     * }</pre>
     *
     * @param scope the scope of the import
     * @param id the import's construct id
     * @param attributes how to find the table
     * @return the imported store, with the same grants and metrics as a store this stack creates
     */
    public static IIncidentStore fromStoreAttributes(Construct scope, String id, IncidentStoreAttributes attributes) {
        return ImportedIncidentStore.of(scope, id, attributes);
    }

    /**
     * An incident table created elsewhere, by name, encrypted with an AWS-owned or AWS-managed key.
     *
     * @param scope the scope of the import
     * @param id the import's construct id
     * @param tableName the table's name in this stack's account and region
     * @return the imported store (no stream: to run a publisher on it, use {@link #fromStoreAttributes})
     */
    public static IIncidentStore fromTableName(Construct scope, String id, String tableName) {
        return fromStoreAttributes(scope, id, IncidentStoreAttributes.builder().tableName(tableName).build());
    }

    /** @return the table: a {@link TableV2} this store created */
    @Override
    public TableV2 getTable() {
        return table;
    }
}
