package io.incidentpipeline.playbooks;

import io.incidentpipeline.routing.IncidentPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;

/** Properties of a {@link Playbook}. {@code pattern} and {@code handler} are required. */
public final class PlaybookProps {
    private final IncidentPattern pattern;
    private final IFunction handler;
    private final List<PolicyStatement> permissions;
    private final int retryAttempts;
    private final Duration maxEventAge;
    private final String playbookName;
    private final boolean dryRun;

    private PlaybookProps(Builder b) {
        this.pattern = b.pattern;
        this.handler = b.handler;
        this.permissions = List.copyOf(b.permissions);
        this.retryAttempts = b.retryAttempts;
        this.maxEventAge = b.maxEventAge;
        this.playbookName = b.playbookName;
        this.dryRun = b.dryRun;
    }

    /** @return a builder; {@code pattern} and {@code handler} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return which incident events run the playbook} Required. */
    public IncidentPattern getPattern() {
        return pattern;
    }

    /**
     * {@return the function that acts (pass an alias to use SnapStart or provisioned concurrency)} It
     * receives the EventBridge event and must be idempotent: a redelivered event must not act twice.
     * Required.
     */
    public IFunction getHandler() {
        return handler;
    }

    /**
     * {@return what the playbook may do besides recording its run: statements with named actions (no
     * wildcards, no {@code notActions}) on named resources (no {@code notResources}; {@code *} only
     * for read-only actions), added to the handler's role}
     *
     * @default none
     */
    public List<PolicyStatement> getPermissions() {
        return permissions;
    }

    /**
     * {@return attempts, after the first, that EventBridge and then Lambda make before the event goes to the
     * playbook's dead-letter queue}
     *
     * @default 2
     */
    public int getRetryAttempts() {
        return retryAttempts;
    }

    /**
     * {@return how long an event may wait for delivery and retries; a remediation that old is no longer wanted}
     *
     * @default Duration.hours(1)
     */
    public Duration getMaxEventAge() {
        return maxEventAge;
    }

    /**
     * {@return the name the function records its runs under ({@code PLAYBOOK_NAME}; the {@code playbook} field
     * of its {@code Playbook Succeeded | Failed | Skipped} events): 1-64 of A-Z a-z 0-9 . _ -}
     * Required for an imported function, whose environment its owner sets.
     *
     * @default the playbook's id, or for a function already behind a playbook, that playbook's name
     */
    public String getPlaybookName() {
        return playbookName;
    }

    /**
     * {@return whether the playbook only reports what it would change ({@code DRY_RUN}): the SDK's
     * {@code PlaybookHandler} passes it to the action, and records the run as a dry run}
     *
     * @default false: the function is yours, and adding it as a playbook is the decision to let it act
     */
    public boolean isDryRun() {
        return dryRun;
    }

    /** Builder for {@link PlaybookProps}. */
    public static final class Builder {
        private IncidentPattern pattern;
        private IFunction handler;
        private final List<PolicyStatement> permissions = new ArrayList<>();
        private int retryAttempts = 2;
        private Duration maxEventAge = Duration.hours(1);
        private String playbookName;
        private boolean dryRun;

        private Builder() {
        }

        /**
         * Sets the value of {@link PlaybookProps#getPattern()}.
         *
         * @param pattern which incident events run the playbook
         * @return this builder
         */
        public Builder pattern(IncidentPattern pattern) {
            this.pattern = pattern;
            return this;
        }

        /**
         * Sets the value of {@link PlaybookProps#getHandler()}.
         *
         * @param handler the function that acts
         * @return this builder
         */
        public Builder handler(IFunction handler) {
            this.handler = handler;
            return this;
        }

        /**
         * Adds a statement to {@link PlaybookProps#getPermissions()}; {@link #build()} checks it.
         *
         * @param statement a statement with named actions on named resources
         * @return this builder
         * @throws NullPointerException if {@code statement} is null
         */
        public Builder permission(PolicyStatement statement) {
            permissions.add(Objects.requireNonNull(statement, "statement"));
            return this;
        }

        /**
         * Sets the value of {@link PlaybookProps#getRetryAttempts()}.
         *
         * @param retryAttempts retries after the first attempt: 0 to 2
         * @return this builder
         */
        public Builder retryAttempts(int retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        /**
         * Sets the value of {@link PlaybookProps#getMaxEventAge()}.
         *
         * @param maxEventAge how long an event may wait for delivery and retries
         * @return this builder
         * @throws NullPointerException if {@code maxEventAge} is null
         */
        public Builder maxEventAge(Duration maxEventAge) {
            this.maxEventAge = Objects.requireNonNull(maxEventAge, "maxEventAge");
            return this;
        }

        /**
         * Sets the value of {@link PlaybookProps#getPlaybookName()}.
         *
         * @param playbookName the name the function records its runs under
         * @return this builder
         */
        public Builder playbookName(String playbookName) {
            this.playbookName = playbookName;
            return this;
        }

        /**
         * Sets the value of {@link PlaybookProps#isDryRun()}.
         *
         * @param dryRun whether the playbook only reports what it would change
         * @return this builder
         */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /**
         * {@return the props}
         *
         * @throws IllegalArgumentException naming what is missing or too broad, and the statement: a
         *                                  permission with a wildcard action, {@code notActions},
         *                                  {@code notResources}, no resource, or {@code Resource: *}
         *                                  with an action that changes anything
         */
        public PlaybookProps build() {
            if (pattern == null || handler == null) {
                throw new IllegalArgumentException("PlaybookProps: pattern and handler are required");
            }
            if (retryAttempts < 0 || retryAttempts > 2) {
                throw new IllegalArgumentException("PlaybookProps.retryAttempts must be 0-2 (Lambda's asynchronous"
                        + " retry limit), got " + retryAttempts);
            }
            for (int i = 0; i < permissions.size(); i++) {
                check(i, permissions.get(i));
            }
            return new PlaybookProps(this);
        }

        /** Action names that only read (e.g. {@code ec2:DescribeInstances}); every other action may change something. */
        private static final List<String> READ_ONLY_VERBS = List.of("Get", "List", "Describe", "BatchGet", "Query",
                "Scan", "Search", "Lookup", "Filter", "View", "Select");

        private static void check(int index, PolicyStatement statement) {
            String name = "PlaybookProps.permission #" + (index + 1)
                    + (statement.getSid() == null ? "" : " (" + statement.getSid() + ")") + " " + statement.getActions();
            if (!statement.getNotActions().isEmpty()) {
                throw new IllegalArgumentException(name + " uses notActions " + statement.getNotActions() + ", which"
                        + " allows every other action of every service; list the actions the playbook needs instead.");
            }
            if (!statement.getNotResources().isEmpty()) {
                throw new IllegalArgumentException(name + " uses notResources " + statement.getNotResources() + ", which"
                        + " covers every other resource; list the resources (or ARN patterns) it may act on instead.");
            }
            for (String action : statement.getActions()) {
                if (action.contains("*")) {
                    throw new IllegalArgumentException(name + ": action '" + action + "' has a wildcard; name each action"
                            + " the playbook needs, e.g. s3:PutBucketPublicAccessBlock");
                }
            }
            if (statement.getResources().isEmpty()) {
                throw new IllegalArgumentException(name + " names no resource; name the resources (or an ARN pattern)"
                        + " it may act on");
            }
            if (statement.getEffect() != Effect.DENY && statement.getResources().contains("*")) {
                List<String> mutating = statement.getActions().stream().filter(action -> !readOnly(action)).toList();
                if (!mutating.isEmpty()) {
                    throw new IllegalArgumentException(name + " allows " + mutating + " on Resource '*', every resource"
                            + " of the account; name the resources it may change (an ARN or ARN pattern), and keep '*'"
                            + " for read-only actions that support no resource-level permissions, in a statement of their own.");
                }
            }
        }

        private static boolean readOnly(String action) {
            String verb = action.substring(action.indexOf(':') + 1);
            return READ_ONLY_VERBS.stream().anyMatch(verb::startsWith);
        }
    }
}
