package io.incidentpipeline.cost;

import io.incidentpipeline.PropsChecks;
import io.incidentpipeline.notify.TopicEncryption;
import java.math.BigDecimal;
import java.util.List;

/** Properties of {@link CostGuardrails}. {@code stage} and {@code monthlyLimitUsd} are required. */
public final class CostGuardrailsProps {
    private final String stage;
    private final String stageTagKey;
    private final BigDecimal monthlyLimitUsd;
    private final List<BudgetThreshold> thresholds;
    private final List<String> emails;
    private final BigDecimal anomalyImpactUsd;
    private final TopicEncryption topicEncryption;

    private CostGuardrailsProps(Builder b) {
        this.stage = b.stage;
        this.stageTagKey = b.stageTagKey;
        this.monthlyLimitUsd = b.monthlyLimitUsd;
        this.thresholds = List.copyOf(b.thresholds);
        this.emails = List.copyOf(b.emails);
        this.anomalyImpactUsd = b.anomalyImpactUsd;
        this.topicEncryption = b.topicEncryption;
    }

    /** @return a builder; {@code stage} and {@code monthlyLimitUsd} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the stage whose cost is watched: the value of its cost-allocation tag} Required. */
    public String getStage() {
        return stage;
    }

    /**
     * {@return the cost-allocation tag that carries the stage; it must be activated in the Billing console}
     *
     * @default "Stage"
     */
    public String getStageTagKey() {
        return stageTagKey;
    }

    /** {@return the monthly budget in USD} Required. */
    public BigDecimal getMonthlyLimitUsd() {
        return monthlyLimitUsd;
    }

    /**
     * {@return when the budget notifies}
     *
     * @default 80% and 100% of actual spend, 100% of forecasted spend
     */
    public List<BudgetThreshold> getThresholds() {
        return thresholds;
    }

    /**
     * Addresses the budget e-mails directly, besides the alert topic (at most 10).
     *
     * @return the addresses
     * @default none
     */
    public List<String> getEmails() {
        return emails;
    }

    /**
     * {@return the total impact in USD from which a cost anomaly is reported}
     *
     * @default 10
     */
    public BigDecimal getAnomalyImpactUsd() {
        return anomalyImpactUsd;
    }

    /**
     * {@return how the cost-alert topic is encrypted}
     *
     * @default TopicEncryption.ownKey()
     */
    public TopicEncryption getTopicEncryption() {
        return topicEncryption;
    }

    /** Builder for {@link CostGuardrailsProps}. */
    public static final class Builder {
        private String stage;
        private String stageTagKey = "Stage";
        private BigDecimal monthlyLimitUsd;
        private List<BudgetThreshold> thresholds = List.of(BudgetThreshold.actual(80), BudgetThreshold.actual(100),
                BudgetThreshold.forecasted(100));
        private List<String> emails = List.of();
        private BigDecimal anomalyImpactUsd = BigDecimal.TEN;
        private TopicEncryption topicEncryption = TopicEncryption.ownKey();

        private Builder() {
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getStage()}.
         *
         * @param stage the stage whose cost is watched: the value of its cost-allocation tag
         * @return this builder
         */
        public Builder stage(String stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getStageTagKey()}.
         *
         * @param stageTagKey the cost-allocation tag that carries the stage; it must be activated in the Billing
         *     console
         * @return this builder
         */
        public Builder stageTagKey(String stageTagKey) {
            this.stageTagKey = PropsChecks.notNull(stageTagKey, "CostGuardrailsProps.stageTagKey");
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getMonthlyLimitUsd()}.
         *
         * @param monthlyLimitUsd the monthly budget in USD
         * @return this builder
         */
        public Builder monthlyLimitUsd(BigDecimal monthlyLimitUsd) {
            this.monthlyLimitUsd = monthlyLimitUsd;
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getThresholds()}.
         *
         * @param thresholds when the budget notifies
         * @return this builder
         */
        public Builder thresholds(List<BudgetThreshold> thresholds) {
            this.thresholds = PropsChecks.notNull(thresholds, "CostGuardrailsProps.thresholds");
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getEmails()}.
         *
         * @param emails addresses the budget e-mails directly, besides the alert topic (at most 10)
         * @return this builder
         */
        public Builder emails(List<String> emails) {
            this.emails = PropsChecks.notNull(emails, "CostGuardrailsProps.emails");
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getAnomalyImpactUsd()}.
         *
         * @param anomalyImpactUsd the total impact in USD from which a cost anomaly is reported
         * @return this builder
         */
        public Builder anomalyImpactUsd(BigDecimal anomalyImpactUsd) {
            this.anomalyImpactUsd = PropsChecks.notNull(anomalyImpactUsd, "CostGuardrailsProps.anomalyImpactUsd");
            return this;
        }

        /**
         * Sets the value of {@link CostGuardrailsProps#getTopicEncryption()}.
         *
         * @param topicEncryption how the cost-alert topic is encrypted
         * @return this builder
         */
        public Builder topicEncryption(TopicEncryption topicEncryption) {
            this.topicEncryption = PropsChecks.notNull(topicEncryption, "CostGuardrailsProps.topicEncryption");
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or invalid property and the fix
         */
        public CostGuardrailsProps build() {
            if (stage == null || stage.isBlank()) {
                throw new IllegalArgumentException("CostGuardrailsProps.stage is required: the stage tag value to budget");
            }
            if (monthlyLimitUsd == null || monthlyLimitUsd.signum() <= 0) {
                throw new IllegalArgumentException("CostGuardrailsProps.monthlyLimitUsd must be a positive amount of"
                        + " USD, got " + monthlyLimitUsd);
            }
            if (thresholds.isEmpty() || thresholds.size() > 5) {
                throw new IllegalArgumentException("CostGuardrailsProps.thresholds takes 1 to 5 thresholds (AWS Budgets"
                        + " allows 5 notifications per budget), got " + thresholds.size());
            }
            if (emails.size() > 10) {
                throw new IllegalArgumentException("CostGuardrailsProps.emails takes at most 10 addresses (AWS Budgets"
                        + " allows 10 e-mail subscribers per notification), got " + emails.size());
            }
            if (anomalyImpactUsd.signum() <= 0) {
                throw new IllegalArgumentException("CostGuardrailsProps.anomalyImpactUsd must be positive, got "
                        + anomalyImpactUsd);
            }
            return new CostGuardrailsProps(this);
        }
    }
}
