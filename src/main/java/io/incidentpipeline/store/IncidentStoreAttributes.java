package io.incidentpipeline.store;

import software.amazon.awscdk.services.kms.IKey;

/**
 * How {@link IncidentStore#fromStoreAttributes} finds a table created elsewhere: its name or ARN
 * (one of them), its stream ARN when a publisher or sweeper of this stack reads it, and its
 * customer-managed key when it has one.
 */
public final class IncidentStoreAttributes {
    private final String tableName;
    private final String tableArn;
    private final String tableStreamArn;
    private final IKey encryptionKey;

    private IncidentStoreAttributes(Builder b) {
        this.tableName = b.tableName;
        this.tableArn = b.tableArn;
        this.tableStreamArn = b.tableStreamArn;
        this.encryptionKey = b.encryptionKey;
    }

    /** @return a builder with no attribute set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the table's name, in this stack's account and region}
     *
     * @default none - set it or {@link #getTableArn()}
     */
    public String getTableName() {
        return tableName;
    }

    /**
     * {@return the table's ARN (another account or region's table, or a token of another stack)}
     *
     * @default none - set it or {@link #getTableName()}
     */
    public String getTableArn() {
        return tableArn;
    }

    /**
     * {@return the ARN of the table's stream (DynamoDB's {@code LatestStreamArn}): needed only by a publisher
     * ({@code IncidentPublisher}) in this stack}
     *
     * @default none - a publisher given this store fails with an error naming this attribute
     */
    public String getTableStreamArn() {
        return tableStreamArn;
    }

    /**
     * {@return the table's customer-managed KMS key, so that every grant on the store covers it}
     *
     * @default none - the table is encrypted with an AWS-owned or AWS-managed key
     */
    public IKey getEncryptionKey() {
        return encryptionKey;
    }

    /** Builder for {@link IncidentStoreAttributes}. */
    public static final class Builder {
        private String tableName;
        private String tableArn;
        private String tableStreamArn;
        private IKey encryptionKey;

        private Builder() {
        }

        /**
         * @param tableName see {@link IncidentStoreAttributes#getTableName()}
         * @return this builder
         */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /**
         * @param tableArn see {@link IncidentStoreAttributes#getTableArn()}
         * @return this builder
         */
        public Builder tableArn(String tableArn) {
            this.tableArn = tableArn;
            return this;
        }

        /**
         * @param tableStreamArn see {@link IncidentStoreAttributes#getTableStreamArn()}
         * @return this builder
         */
        public Builder tableStreamArn(String tableStreamArn) {
            this.tableStreamArn = tableStreamArn;
            return this;
        }

        /**
         * @param encryptionKey see {@link IncidentStoreAttributes#getEncryptionKey()}
         * @return this builder
         */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /**
         * @return the attributes
         * @throws IllegalArgumentException unless exactly one of the table's name and ARN is set
         */
        public IncidentStoreAttributes build() {
            if ((tableName == null || tableName.isBlank()) == (tableArn == null || tableArn.isBlank())) {
                throw new IllegalArgumentException("IncidentStoreAttributes: set exactly one of tableName and tableArn"
                        + " (got " + (tableName == null && tableArn == null ? "neither" : "both or a blank one") + ")");
            }
            return new IncidentStoreAttributes(this);
        }
    }
}
