package io.incidentpipeline.store;

import io.incidentpipeline.PropsChecks;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.MultiRegionConsistency;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;

/** Properties of an {@link IncidentStore}. Every property is optional. */
public final class IncidentStoreProps {
    private final RemovalPolicy removalPolicy;
    private final Boolean deletionProtection;
    private final TableEncryptionV2 encryption;
    private final String tableName;
    private final List<String> replicaRegions;
    private final MultiRegionConsistency consistency;

    private IncidentStoreProps(Builder b) {
        this.removalPolicy = b.removalPolicy;
        this.deletionProtection = b.deletionProtection;
        this.encryption = b.encryption;
        this.tableName = b.tableName;
        this.replicaRegions = List.copyOf(b.replicaRegions);
        this.consistency = b.consistency;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return what happens to the table (and its data) when it leaves the stack}
     *
     * @default RemovalPolicy.RETAIN - incidents are an audit record; only sandboxes should pass DESTROY
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
    }

    /**
     * {@return whether DynamoDB refuses to delete the table}
     *
     * @default true unless the removal policy is DESTROY
     */
    public boolean isDeletionProtection() {
        return deletionProtection == null ? getRemovalPolicy() != RemovalPolicy.DESTROY : deletionProtection;
    }

    /**
     * {@return how the table is encrypted at rest}
     *
     * @default TableEncryptionV2.awsManagedKey() - KMS-audited in CloudTrail at no key charge
     */
    public TableEncryptionV2 getEncryption() {
        return encryption == null ? TableEncryptionV2.awsManagedKey() : encryption;
    }

    /**
     * {@return the table's physical name} Needed when other regions' stacks use the replicas
     * ({@link IncidentStore#fromReplica}): a deterministic name avoids cross-region references.
     *
     * @default a name CloudFormation generates
     */
    public String getTableName() {
        return tableName;
    }

    /**
     * {@return regions that get a replica besides the stack's own region, making the table a global table}
     *
     * @default none - a table in the stack's region only
     */
    public List<String> getReplicaRegions() {
        return replicaRegions;
    }

    /**
     * {@return how writes in different regions relate} EVENTUAL replicates asynchronously (usually within a
     * second) and the last writer wins a conflict; STRONG replicates synchronously so every region
     * reads the latest write and conditional writes are serialized across regions, at the price of
     * higher write latency and three regions of one region set.
     *
     * @default MultiRegionConsistency.EVENTUAL
     */
    public MultiRegionConsistency getConsistency() {
        return consistency;
    }

    /** Builder for {@link IncidentStoreProps}. */
    public static final class Builder {
        private RemovalPolicy removalPolicy;
        private Boolean deletionProtection;
        private TableEncryptionV2 encryption;
        private String tableName;
        private List<String> replicaRegions = List.of();
        private MultiRegionConsistency consistency = MultiRegionConsistency.EVENTUAL;

        private Builder() {
        }

        /**
         * @param tableName see {@link IncidentStoreProps#getTableName()}
         * @return this builder
         */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /**
         * @param replicaRegions see {@link IncidentStoreProps#getReplicaRegions()}
         * @return this builder
         */
        public Builder replicaRegions(List<String> replicaRegions) {
            this.replicaRegions = PropsChecks.notNull(replicaRegions, "IncidentStoreProps.replicaRegions");
            return this;
        }

        /**
         * @param consistency see {@link IncidentStoreProps#getConsistency()}
         * @return this builder
         */
        public Builder consistency(MultiRegionConsistency consistency) {
            this.consistency = PropsChecks.notNull(consistency, "IncidentStoreProps.consistency");
            return this;
        }

        /**
         * @param removalPolicy see {@link IncidentStoreProps#getRemovalPolicy()}
         * @return this builder
         */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        /**
         * @param deletionProtection see {@link IncidentStoreProps#isDeletionProtection()}
         * @return this builder
         */
        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        /**
         * @param encryption see {@link IncidentStoreProps#getEncryption()}
         * @return this builder
         */
        public Builder encryption(TableEncryptionV2 encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * @return the properties
         * @throws IllegalArgumentException when deletion protection is asked for on a table that the
         *                                  removal policy would delete, which would fail the deletion
         */
        public IncidentStoreProps build() {
            if (Boolean.TRUE.equals(deletionProtection) && removalPolicy == RemovalPolicy.DESTROY) {
                throw new IllegalArgumentException("IncidentStoreProps: deletionProtection(true) with"
                        + " removalPolicy(DESTROY) makes `cdk destroy` fail; drop one of the two");
            }
            if (tableName != null && !tableName.matches("[A-Za-z0-9_.-]{3,255}")) {
                throw new IllegalArgumentException("IncidentStoreProps.tableName must be 3-255 letters, digits, _ . or -,"
                        + " got '" + tableName + "'");
            }
            if (consistency == MultiRegionConsistency.STRONG && replicaRegions.size() != 2) {
                throw new IllegalArgumentException("IncidentStoreProps: STRONG consistency needs exactly two replica"
                        + " regions besides the stack's own, got " + replicaRegions);
            }
            return new IncidentStoreProps(this);
        }
    }
}
