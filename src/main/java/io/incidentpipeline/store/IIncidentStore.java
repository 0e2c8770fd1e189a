package io.incidentpipeline.store;

import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.IConstruct;

/**
 * An incident table, created in this stack ({@link IncidentStore}) or imported
 * ({@link IncidentStore#fromStoreAttributes}, {@link IncidentStore#fromTableName},
 * {@link IncidentStore#fromReplica}): every construct of the library takes one. Grants and metrics
 * behave the same on both, and cover the table's customer-managed key when it has one.
 */
public interface IIncidentStore extends IConstruct {
    /** @return the DynamoDB table */
    ITableV2 getTable();

    /**
     * Grants item reads, writes and index queries on the table and its indexes (and the key).
     *
     * @param grantee the principal to grant
     * @return the grant
     */
    Grant grantReadWriteData(IGrantable grantee);

    /**
     * Grants item reads and index queries (and decrypt on the key).
     *
     * @param grantee the principal to grant
     * @return the grant
     */
    Grant grantReadData(IGrantable grantee);

    /**
     * Grants named item actions on the table itself, not on its indexes: what a handler needs that
     * writes or reads single items by key (e.g. {@code dynamodb:UpdateItem}).
     *
     * @param grantee the principal to grant
     * @param actions DynamoDB actions, such as {@code dynamodb:GetItem}
     * @return the grant
     */
    Grant grantItemActions(IGrantable grantee, String... actions);

    /**
     * Grants {@code dynamodb:Query} on the table and named indexes only.
     *
     * @param grantee the principal to grant
     * @param indexNames the indexes it may query, such as {@link IncidentStore#STATUS_INDEX}
     * @return the grant
     */
    Grant grantQuery(IGrantable grantee, String... indexNames);

    /**
     * Grants what a playbook needs: reading items, and writing only the run records under an
     * incident's own partition ({@value IncidentStore#RUN_RECORD_PARTITIONS}).
     *
     * @param grantee the playbook's function or role
     * @return the grant of the reads
     */
    Grant grantRunRecordWrites(IGrantable grantee);

    /** @return requests DynamoDB throttled, for the item operations the handlers use (sum per 5 minutes) */
    IMetric metricThrottledRequests();
}
