package io.incidentpipeline.store;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;

/** Properties of an {@link IncidentStore}. Every property is optional. */
public final class IncidentStoreProps {
    private final RemovalPolicy removalPolicy;
    private final Boolean deletionProtection;
    private final TableEncryptionV2 encryption;

    private IncidentStoreProps(Builder b) {
        this.removalPolicy = b.removalPolicy;
        this.deletionProtection = b.deletionProtection;
        this.encryption = b.encryption;
    }

    /** @return a builder with every property at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What happens to the table (and its data) when it leaves the stack.
     *
     * @default RemovalPolicy.RETAIN - incidents are an audit record; only sandboxes should pass DESTROY
     */
    public RemovalPolicy getRemovalPolicy() {
        return removalPolicy == null ? RemovalPolicy.RETAIN : removalPolicy;
    }

    /**
     * Whether DynamoDB refuses to delete the table.
     *
     * @default true unless the removal policy is DESTROY
     */
    public boolean isDeletionProtection() {
        return deletionProtection == null ? getRemovalPolicy() != RemovalPolicy.DESTROY : deletionProtection;
    }

    /**
     * How the table is encrypted at rest.
     *
     * @default TableEncryptionV2.awsManagedKey() - KMS-audited in CloudTrail at no key charge
     */
    public TableEncryptionV2 getEncryption() {
        return encryption == null ? TableEncryptionV2.awsManagedKey() : encryption;
    }

    /** Builder for {@link IncidentStoreProps}. */
    public static final class Builder {
        private RemovalPolicy removalPolicy;
        private Boolean deletionProtection;
        private TableEncryptionV2 encryption;

        private Builder() {
        }

        /** @see IncidentStoreProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        /** @see IncidentStoreProps#isDeletionProtection() */
        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        /** @see IncidentStoreProps#getEncryption() */
        public Builder encryption(TableEncryptionV2 encryption) {
            this.encryption = encryption;
            return this;
        }

        /**
         * @throws IllegalArgumentException when deletion protection is asked for on a table that the
         *                                  removal policy would delete, which would fail the deletion
         */
        public IncidentStoreProps build() {
            if (Boolean.TRUE.equals(deletionProtection) && removalPolicy == RemovalPolicy.DESTROY) {
                throw new IllegalArgumentException("IncidentStoreProps: deletionProtection(true) with"
                        + " removalPolicy(DESTROY) makes `cdk destroy` fail; drop one of the two");
            }
            return new IncidentStoreProps(this);
        }
    }
}
