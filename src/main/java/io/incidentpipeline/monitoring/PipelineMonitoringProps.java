package io.incidentpipeline.monitoring;

import software.amazon.awscdk.services.sns.ITopic;

/** Properties of {@link PipelineMonitoring}. Both are required. */
public final class PipelineMonitoringProps {
    private final ITopic alarmTopic;
    private final String dashboardName;

    private PipelineMonitoringProps(Builder b) {
        this.alarmTopic = b.alarmTopic;
        this.dashboardName = b.dashboardName;
    }

    /** @return a builder; both properties are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return where every alarm and its recovery is sent; its key must let CloudWatch publish} Required. */
    public ITopic getAlarmTopic() {
        return alarmTopic;
    }

    /** {@return the dashboard's name, e.g. {@code incident-pipeline-prod-us-east-1}} Required. */
    public String getDashboardName() {
        return dashboardName;
    }

    /** Builder for {@link PipelineMonitoringProps}. */
    public static final class Builder {
        private ITopic alarmTopic;
        private String dashboardName;

        private Builder() {
        }

        /**
         * Sets the value of {@link PipelineMonitoringProps#getAlarmTopic()}.
         *
         * @param alarmTopic where every alarm and its recovery is sent; its key must let CloudWatch publish
         * @return this builder
         */
        public Builder alarmTopic(ITopic alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        /**
         * Sets the value of {@link PipelineMonitoringProps#getDashboardName()}.
         *
         * @param dashboardName the dashboard's name, e.g. {@code incident-pipeline-prod-us-east-1}
         * @return this builder
         */
        public Builder dashboardName(String dashboardName) {
            this.dashboardName = dashboardName;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the missing or invalid property
         */
        public PipelineMonitoringProps build() {
            if (alarmTopic == null) {
                throw new IllegalArgumentException("PipelineMonitoringProps.alarmTopic is required: the ops topic");
            }
            if (dashboardName == null || !dashboardName.matches("[A-Za-z0-9_-]{1,255}")) {
                throw new IllegalArgumentException("PipelineMonitoringProps.dashboardName must be 1-255 letters, digits,"
                        + " - or _, got '" + dashboardName + "'");
            }
            return new PipelineMonitoringProps(this);
        }
    }
}
