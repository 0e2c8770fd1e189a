package io.incidentpipeline.notify;

import io.incidentpipeline.PropsChecks;
import software.amazon.awscdk.services.kms.IKey;

/**
 * How a {@link NotificationTopic} is encrypted at rest. AWS-managed SNS keys cannot be used by
 * EventBridge, AWS Budgets or Cost Anomaly Detection, so the choice is a customer-managed key
 * ($1 a month each) or, where that is not worth it, no server-side encryption, with a reason.
 */
public final class TopicEncryption {
    private final IKey key;
    private final String unencryptedReason;

    private TopicEncryption(IKey key, String unencryptedReason) {
        this.key = key;
        this.unencryptedReason = unencryptedReason;
    }

    /** @return encryption with a rotating customer-managed key that the topic creates for itself */
    public static TopicEncryption ownKey() {
        return new TopicEncryption(null, null);
    }

    /**
     * @param key the customer-managed key
     * @return encryption with {@code key}, e.g. one key shared by several topics
     */
    public static TopicEncryption key(IKey key) {
        return new TopicEncryption(PropsChecks.notNull(key, "TopicEncryption.key"), null);
    }

    /**
     * No server-side encryption; messages still travel only over TLS.
     *
     * @param reason why this topic may store messages unencrypted, recorded in the topic's template
     *     metadata ({@code incident-pipeline:unencrypted-reason})
     * @return encryption off, with its reason
     */
    public static TopicEncryption none(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("TopicEncryption.none needs the reason the topic may be unencrypted");
        }
        return new TopicEncryption(null, reason);
    }

    /** @return the given key, if any */
    IKey getKey() {
        return key;
    }

    /** @return true when each topic creates its own key (a construct with several topics may share one instead) */
    public boolean isOwnKey() {
        return key == null && unencryptedReason == null;
    }

    /** @return the reason for no encryption, or null when encrypted */
    String getUnencryptedReason() {
        return unencryptedReason;
    }
}
