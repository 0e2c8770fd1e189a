package io.incidentpipeline.playbooks;

import io.incidentpipeline.routing.IncidentPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;

/** Properties of a {@link Playbook}. {@code pattern} and {@code handler} are required. */
public final class PlaybookProps {
    private final IncidentPattern pattern;
    private final IFunction handler;
    private final List<PolicyStatement> permissions;
    private final int retryAttempts;
    private final Duration maxEventAge;

    private PlaybookProps(Builder b) {
        this.pattern = b.pattern;
        this.handler = b.handler;
        this.permissions = List.copyOf(b.permissions);
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
    }

    /** @return a builder; {@code pattern} and {@code handler} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** Which incident events run the playbook. Required. */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /**
     * The function that acts (pass an alias to use SnapStart or provisioned concurrency). It
     * receives the EventBridge event and must be idempotent: a redelivered event must not act twice.
     * Required.
     */
    public IFunction getHandler() {
        return handler;
    }

    /**
     * What the playbook may do besides recording its run: statements with named actions (no
     * wildcards) on named resources, added to the handler's role.
     *
     * @default none
     */
    public List<PolicyStatement> getPermissions() {
        return permissions;
    }

    /**
     * Attempts, after the first, that EventBridge and then Lambda make before the event goes to the
     * playbook's dead-letter queue.
     *
     * @default 2
     */
    public int getRetryAttempts() {
        return retryAttempts;
    }

    /**
     * How long an event may wait for delivery and retries; a remediation that old is no longer wanted.
     *
     * @default Duration.hours(1)
     */
    public Duration getMaxEventAge() {
        return maxEventAge;
    }

    /** Builder for {@link PlaybookProps}. */
    public static final class Builder {
        private IncidentPattern pattern;
        private IFunction handler;
        private final List<PolicyStatement> permissions = new ArrayList<>();
        private int retryAttempts = 2;
        private Duration maxEventAge = Duration.hours(1);

        private Builder() {
        }

        /** @see PlaybookProps#getPattern() */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = pattern;
            return this;
        }

        /** @see PlaybookProps#getHandler() */
        public Builder handler(IFunction handler) {
            this.handler = handler;
            return this;
        }

        /** @see PlaybookProps#getPermissions() */
        public Builder permission(PolicyStatement statement) {
            permissions.add(Objects.requireNonNull(statement, "statement"));
            return this;
        }

        /** @see PlaybookProps#getRetryAttempts() */
        public Builder retryAttempts(int retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        /** @see PlaybookProps#getMaxEventAge() */
        public Builder maxEventAge(Duration maxEventAge) {
            this.maxEventAge = Objects.requireNonNull(maxEventAge, "maxEventAge");
            return this;
        }

        /**
         * @throws IllegalArgumentException naming what is missing or too broad: a permission with a
         *                                  wildcard action, or with no resource
         */
        public PlaybookProps build() {
            if (pattern == null || handler == null) {
                throw new IllegalArgumentException("PlaybookProps: pattern and handler are required");
            }
            if (retryAttempts < 0 || retryAttempts > 2) {
                throw new IllegalArgumentException("PlaybookProps.retryAttempts must be 0-2 (Lambda's asynchronous"
                        + " retry limit), got " + retryAttempts);
            }
            for (PolicyStatement statement : permissions) {
                for (String action : statement.getActions()) {
                    if (action.contains("*")) {
                        throw new IllegalArgumentException("PlaybookProps.permission: action '" + action + "' has a"
                                + " wildcard; name each action the playbook needs, e.g. s3:PutBucketPublicAccessBlock");
                    }
                }
                if (statement.getResources().isEmpty()) {
                    throw new IllegalArgumentException("PlaybookProps.permission " + statement.getActions()
                            + " names no resource; name the resources (or an ARN pattern) it may act on");
                }
            }
            return new PlaybookProps(this);
        }
    }
}
