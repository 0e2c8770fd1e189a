package io.incidentpipeline.handlers.testsupport;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB stream records, as Lambda delivers them, of items the tests read back from dynalite
 * (which has no streams): the images are converted to the Lambda events library's
 * {@code AttributeValue}, the type the publisher receives.
 */
public final class StreamRecords {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("4421584500000000017450439091");

    private StreamRecords() {
    }

    /** @return the record of an item's creation */
    public static DynamodbStreamRecord insert(Map<String, AttributeValue> newItem) {
        return record("INSERT", null, newItem);
    }

    /** @return the record of an item's change */
    public static DynamodbStreamRecord modify(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {
        return record("MODIFY", oldItem, newItem);
    }

    /** @return the record of an item's deletion */
    public static DynamodbStreamRecord remove(Map<String, AttributeValue> oldItem) {
        return record("REMOVE", oldItem, null);
    }

    /** @return a batch of records, as the event source mapping delivers it */
    public static DynamodbEvent event(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private static DynamodbStreamRecord record(String eventName, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        Map<String, AttributeValue> item = newItem != null ? newItem : oldItem;
        StreamRecord change = new StreamRecord();
        change.setKeys(toEvents(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        change.setOldImage(oldItem == null ? null : toEvents(oldItem));
        change.setNewImage(newItem == null ? null : toEvents(newItem));
        change.setSequenceNumber(FIRST_SEQUENCE.add(BigInteger.valueOf(SEQUENCE.incrementAndGet())).toString());
        change.setSizeBytes(256L);
        change.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString().replace("-", ""));
        record.setEventName(eventName);
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion(Dynalite.REGION);
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/incidents/stream/2026-11-25T06:00:00.000");
        record.setDynamodb(change);
        return record;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvents(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image =
                new LinkedHashMap<>();
        item.forEach((name, value) -> image.put(name, toEvents(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvents(
            AttributeValue value) {
        var converted = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            case M -> converted.setM(toEvents(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamRecords::toEvents).toList());
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            default -> throw new IllegalArgumentException("The tests write no " + value.type() + " attributes");
        }
        return converted;
    }
}
