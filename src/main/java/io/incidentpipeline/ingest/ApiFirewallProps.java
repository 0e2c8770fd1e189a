package io.incidentpipeline.ingest;

import software.amazon.awscdk.services.apigateway.Stage;

/** Properties of an {@link ApiFirewall}. {@code stage} and {@code alertRequestsPer5MinPerIp} are required. */
public final class ApiFirewallProps {
    /**
     * Requests one address may send in 5 minutes to the paths other than the alert intake (health
     * probes, the operator API), unless configured otherwise: 1 a second on average, ten times what a
     * Route 53 health checker sends at the fast interval, and below the health and operator budgets.
     */
    public static final int DEFAULT_OTHER_REQUESTS_PER_5MIN = 300;

    private final Stage stage;
    private final int alertRequestsPer5MinPerIp;
    private final int otherRequestsPer5MinPerIp;

    private ApiFirewallProps(Builder b) {
        this.stage = b.stage;
        this.alertRequestsPer5MinPerIp = b.alertRequestsPer5MinPerIp;
        this.otherRequestsPer5MinPerIp = b.otherRequestsPer5MinPerIp;
    }

    /** @return a builder; {@code stage} and {@code alertRequestsPer5MinPerIp} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the API stage to protect} Required. */
    public Stage getStage() {
        return stage;
    }

    /**
     * {@return requests one IP address may send to {@code POST /alerts/{source}} in 5 minutes before WAF
     * blocks it; keep it below the alert intake's own throttle (× 300 s) so one address cannot use
     * up the intake's whole budget} Required.
     */
    public int getAlertRequestsPer5MinPerIp() {
        return alertRequestsPer5MinPerIp;
    }

    /**
     * {@return requests one IP address may send to every other path (health, operator API) in 5 minutes}
     *
     * @default {@value #DEFAULT_OTHER_REQUESTS_PER_5MIN}
     */
    public int getOtherRequestsPer5MinPerIp() {
        return otherRequestsPer5MinPerIp;
    }

    /** Builder for {@link ApiFirewallProps}. */
    public static final class Builder {
        private Stage stage;
        private int alertRequestsPer5MinPerIp;
        private int otherRequestsPer5MinPerIp = DEFAULT_OTHER_REQUESTS_PER_5MIN;

        private Builder() {
        }

        /**
         * Sets the value of {@link ApiFirewallProps#getStage()}.
         *
         * @param stage the API stage to protect
         * @return this builder
         */
        public Builder stage(Stage stage) {
            this.stage = stage;
            return this;
        }

        /**
         * Sets the value of {@link ApiFirewallProps#getAlertRequestsPer5MinPerIp()}.
         *
         * @param requests requests one IP address may send to {@code POST /alerts/{source}} in 5 minutes before
         *     WAF blocks it; keep it below the alert intake's own throttle (× 300 s) so one address cannot use up the
         *     intake's whole budget
         * @return this builder
         */
        public Builder alertRequestsPer5MinPerIp(int requests) {
            this.alertRequestsPer5MinPerIp = requests;
            return this;
        }

        /**
         * Sets the value of {@link ApiFirewallProps#getOtherRequestsPer5MinPerIp()}.
         *
         * @param requests requests one IP address may send to every other path (health, operator API) in 5 minutes
         * @return this builder
         */
        public Builder otherRequestsPer5MinPerIp(int requests) {
            this.otherRequestsPer5MinPerIp = requests;
            return this;
        }

        /**
         * @return the checked, immutable properties
         * @throws IllegalArgumentException naming the property that is missing or out of WAF's range
         */
        public ApiFirewallProps build() {
            if (stage == null) {
                throw new IllegalArgumentException("ApiFirewallProps.stage is required: the API stage to protect");
            }
            requireRateLimit("alertRequestsPer5MinPerIp", alertRequestsPer5MinPerIp);
            requireRateLimit("otherRequestsPer5MinPerIp", otherRequestsPer5MinPerIp);
            return new ApiFirewallProps(this);
        }

        private static void requireRateLimit(String name, int value) {
            if (value < 10 || value > 2_000_000_000) {
                throw new IllegalArgumentException("ApiFirewallProps." + name + " must be 10 to 2,000,000,000 (the"
                        + " limits of a WAF rate-based rule), got " + value);
            }
        }
    }
}
