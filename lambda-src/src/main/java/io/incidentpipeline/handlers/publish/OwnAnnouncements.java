package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.ItemKeys;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A region's publisher claims each change it is about to announce ({@link Announcement}), so a
 * sweeper that took the change over meanwhile and this publisher never both put it on a bus. In
 * normal operation the claim is one conditional write that also marks the item's due work done.
 */
final class OwnAnnouncements {
    private final Announcement.Claims claims;

    /** @param region this publisher's region: it claims as {@code stream@<region>} */
    OwnAnnouncements(DynamoDbClient dynamoDb, String tableName, String region) {
        this.claims = new Announcement.Claims(dynamoDb, tableName, "stream@" + region);
    }

    /**
     * What a stream record asks to claim.
     *
     * @param key        the item's key
     * @param change     the change
     * @param incidentId the incident the item belongs to
     * @param state      the change's announcement in the record's new image (empty: written before
     *                   announcements were claimed, so nobody else announces it)
     * @param gatesEvent whether the record's event is put only if the claim wins; {@code false} for
     *                   a repeat that adopts an opening announced before claims existed
     */
    record Claim(Map<String, AttributeValue> key, Announcement change, String incidentId, Optional<String> state,
            boolean gatesEvent) {
    }

    /** @return the claim an incident or run record's event needs before it is put */
    static Claim of(DynamodbStreamRecord record, Announcement change, String incidentId) {
        Map<String, AttributeValue> image = StreamImages.toSdk(record.getDynamodb().getNewImage());
        return new Claim(key(record.getDynamodb()), change, incidentId, change.state(image), true);
    }

    /**
     * An incident opened before this version gets its opening marked pending by its first repeat
     * since (the dedup write sets it with {@code if_not_exists}); that opening was announced long
     * ago, so its publisher claims it without announcing it again.
     *
     * @return the claim, for a repeat whose old image had no opening announcement and whose new one has it pending
     */
    static Optional<Claim> adoptedOpening(DynamodbStreamRecord record, String incidentId) {
        StreamRecord change = record.getDynamodb();
        if (change.getOldImage() == null || change.getOldImage().containsKey(Announcement.OPENED.attribute())) {
            return Optional.empty();
        }
        Optional<String> state = Announcement.OPENED.state(StreamImages.toSdk(change.getNewImage()));
        return state.filter(Announcement.PENDING::equals)
                .map(pending -> new Claim(key(change), Announcement.OPENED, incidentId, state, false));
    }

    /**
     * Claims the change. A resolved incident that a new alert replaced before its resolution was
     * claimed lives on as its archived copy: the claim follows it there.
     *
     * @return whether this publisher may put the claim's event
     * @throws software.amazon.awssdk.core.exception.SdkException when the table cannot be written: retry the record
     */
    boolean mayAnnounce(Claim claim) {
        if (claim.state().isEmpty()) {
            return true;
        }
        boolean won = claims.claim(claim.key(), claim.change(), claim.incidentId(), true)
                || ItemKeys.isIncident(claim.key().get(ItemKeys.PK).s(), claim.key().get(ItemKeys.SK).s())
                        && claims.claim(ItemKeys.archivedIncident(claim.incidentId()), claim.change(), claim.incidentId(), true);
        return won || !claim.gatesEvent();
    }

    private static Map<String, AttributeValue> key(StreamRecord change) {
        Map<String, AttributeValue> keys = StreamImages.toSdk(change.getKeys());
        return Map.of(ItemKeys.PK, keys.get(ItemKeys.PK), ItemKeys.SK, keys.get(ItemKeys.SK));
    }
}
