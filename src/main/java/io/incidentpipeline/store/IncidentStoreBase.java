package io.incidentpipeline.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * What an owned and an imported incident store share: every grant and metric, written once against
 * {@link #getTable()}. Extend {@link IncidentStore} rather than this class.
 */
public abstract class IncidentStoreBase extends Construct implements IIncidentStore {
    /** Item actions that only read: with a customer-managed key they need decrypt, not encrypt. */
    private static final Set<String> READ_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable");

    /**
     * Creates the construct that holds the table or its import.
     *
     * @param scope the parent construct
     * @param id the construct id
     */
    protected IncidentStoreBase(Construct scope, String id) {
        super(scope, id);
    }

    @Override
    public IMetric metricThrottledRequests() {
        return getTable().metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                .operations(List.of(Operation.UPDATE_ITEM, Operation.PUT_ITEM, Operation.GET_ITEM, Operation.QUERY))
                .build());
    }

    @Override
    public Grant grantReadWriteData(IGrantable grantee) {
        return getTable().grantReadWriteData(grantee);
    }

    @Override
    public Grant grantItemActions(IGrantable grantee, String... actions) {
        boolean writes = Arrays.stream(actions).anyMatch(a -> !READ_ACTIONS.contains(a));
        grantKey(grantee, writes);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(List.of(getTable().getTableArn()))
                .build());
    }

    /**
     * With a customer-managed key, every grant on the table needs one on the key too, or the first
     * read or write is denied: decrypt for reads, and encrypt and data keys for writes, named one by
     * one ({@code IKey.grantEncryptDecrypt} adds {@code kms:ReEncrypt*} and {@code kms:GenerateDataKey*},
     * wildcards the security gate refuses and DynamoDB's item calls never need).
     */
    private void grantKey(IGrantable grantee, boolean writes) {
        IKey key = getTable().getEncryptionKey();
        if (key == null) {
            return;
        }
        if (writes) {
            key.grant(grantee, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
        } else {
            key.grantDecrypt(grantee);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code dynamodb:GetItem} (it reads the incident an event names), and {@code dynamodb:PutItem}
     * and {@code UpdateItem} on items whose partition key is an incident's own partition
     * ({@code INC#…}, condition {@code dynamodb:LeadingKeys}): its run records. It can write no
     * current incident ({@code FP#…}), the only items the publisher announces as incident events.
     */
    @Override
    public Grant grantRunRecordWrites(IGrantable grantee) {
        Grant reads = grantItemActions(grantee, "dynamodb:GetItem");
        grantKey(grantee, true);
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem", "dynamodb:UpdateItem"))
                .resources(List.of(getTable().getTableArn()))
                .conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                        List.of(IncidentStore.RUN_RECORD_PARTITIONS))))
                .build());
        return reads;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The reads of a handler that lists incidents or reads one incident's partition, with no
     * Scan and no other index.
     */
    @Override
    public Grant grantQuery(IGrantable grantee, String... indexNames) {
        List<String> resources = new ArrayList<>(List.of(getTable().getTableArn()));
        for (String index : indexNames) {
            resources.add(getTable().getTableArn() + "/index/" + index);
        }
        grantKey(grantee, false);
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("dynamodb:Query"))
                .resourceArns(resources)
                .build());
    }

    @Override
    public Grant grantReadData(IGrantable grantee) {
        return getTable().grantReadData(grantee);
    }

    /** @return the DynamoDB table */
    @Override
    public abstract ITableV2 getTable();
}
