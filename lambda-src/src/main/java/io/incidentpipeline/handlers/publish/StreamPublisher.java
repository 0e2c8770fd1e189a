package io.incidentpipeline.handlers.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.incidentpipeline.handlers.common.AwsClients;
import io.incidentpipeline.handlers.common.Environment;
import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.escalation.EscalationPolicies;
import io.incidentpipeline.handlers.escalation.Escalations;
import io.incidentpipeline.handlers.store.Announcement;
import io.incidentpipeline.handlers.store.Tallies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Turns the incident table's stream into events on the incident bus ({@code EVENT_BUS_NAME}) and
 * entries of the incidents' timelines ({@link Timeline}), so an accepted alert or an operator's
 * transition reaches both without the function that made it writing twice. A playbook run's
 * recorded result becomes {@code Playbook Succeeded} or {@code Playbook Failed} the same way.
 *
 * <p>First, each change that is announced once across regions (an opening, acknowledgement,
 * resolution or playbook result) is claimed with a conditional write ({@link OwnAnnouncements}): a
 * change another region's sweeper took over while this region was lost is skipped, so it is never
 * announced twice. The timeline entries of the claimed changes are written next; if that fails, the
 * whole batch is reported failed and retried (entries and claims are idempotent). Then:
 *
 * <p>Events go out in record order, in {@code PutEvents} calls of at most {@value #MAX_ENTRIES}
 * entries. At the first record that fails (an entry EventBridge rejects, a call that throws, or an
 * image that cannot be read) the publisher stops and reports that record's sequence number as the
 * batch item failure: Lambda then retries the shard from that record on, so nothing after it is
 * lost and nothing before it is sent again. Delivery is at least once; consumers are idempotent.
 */
public final class StreamPublisher implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** The most entries one {@code PutEvents} call takes. */
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient eventBridge;
    private final String eventBusName;
    private final IncidentEventMapper mapper;
    private final PlaybookRunEvents playbookRuns;
    private final OwnAnnouncements announcements;
    private final Timeline timeline;
    private final Tallies tallies;
    private final Escalations escalations;
    private final IncidentMetrics metrics;

    /** For Lambda: configured from the environment, with the clients built once at init. */
    public StreamPublisher() {
        this(new Environment(System.getenv()));
    }

    private StreamPublisher(Environment env) {
        this(AwsClients.configured(EventBridgeClient.builder()), env.required("EVENT_BUS_NAME"), AwsClients.dynamoDb(),
                env.required("TABLE_NAME"), EscalationPolicies.parse(env.optional(EscalationPolicies.ENVIRONMENT_VARIABLE, "")));
    }

    /** A publisher without escalation policies: see the full constructor. */
    public StreamPublisher(EventBridgeClient eventBridge, String eventBusName, DynamoDbClient dynamoDb, String tableName) {
        this(eventBridge, eventBusName, dynamoDb, tableName, EscalationPolicies.none());
    }

    /**
     * @param eventBridge  the client; its region is this publisher's region
     * @param eventBusName the incident bus
     * @param dynamoDb     the client that writes timeline entries
     * @param tableName    the incident table
     * @param policies     the escalation policies: an opening or severity escalation it announces starts
     *                     the incident's escalation when one takes it
     */
    public StreamPublisher(EventBridgeClient eventBridge, String eventBusName, DynamoDbClient dynamoDb, String tableName,
            EscalationPolicies policies) {
        this.eventBridge = eventBridge;
        this.eventBusName = eventBusName;
        String region = eventBridge.serviceClientConfiguration().region().id();
        this.mapper = new IncidentEventMapper(region);
        this.playbookRuns = new PlaybookRunEvents(region);
        this.announcements = new OwnAnnouncements(dynamoDb, tableName, region);
        this.timeline = new Timeline(dynamoDb, tableName);
        this.tallies = new Tallies(dynamoDb, tableName);
        this.escalations = new Escalations(dynamoDb, tableName, policies, region);
        this.metrics = new IncidentMetrics(tableName);
    }

    /**
     * An event to put; {@code change} is the incident change it announces, for the timeline, if it is
     * one; {@code claim} what must be claimed first, if anything.
     */
    private record Pending(String sequenceNumber, String incidentId, PutEventsRequestEntry entry,
            Optional<IncidentEvent> change, Optional<OwnAnnouncements.Claim> claim) {
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<Pending> mapped = new ArrayList<>();
        String unreadable = null;
        for (DynamodbStreamRecord record : event.getRecords()) {
            try {
                Optional<IncidentEvent> change = mapper.map(record).map(this::counted);
                if (change.isPresent()) {
                    mapped.add(pending(record, change.get()));
                } else {
                    playbookRuns.map(record).ifPresent(run -> mapped.add(pending(record, run)));
                }
            } catch (RuntimeException e) {
                JsonLog.error("stream record unreadable", e, "sequenceNumber", sequenceNumber(record));
                unreadable = sequenceNumber(record);
                break;
            }
        }
        // Claim before anything is written or put: a change another region took over is announced there only.
        List<Pending> pending = new ArrayList<>();
        for (Pending p : mapped) {
            try {
                if (p.claim().map(announcements::mayAnnounce).orElse(true)) {
                    pending.add(p);
                } else {
                    JsonLog.info("announced by another region", "incidentId", p.incidentId(),
                            "detailType", p.entry().detailType());
                }
            } catch (SdkException e) {
                JsonLog.error("announcement not claimed", e, "incidentId", p.incidentId());
                unreadable = p.sequenceNumber();
                break;
            }
        }
        if (pending.isEmpty()) {
            return unreadable == null ? new StreamsEventResponse(List.of()) : failure(unreadable);
        }
        try {
            // A playbook's run record is its own timeline entry: only incident changes get one here.
            timeline.write(Timeline.entries(pending.stream()
                    .flatMap(p -> p.change().map(e -> new Timeline.Change(e, p.sequenceNumber())).stream())
                    .toList()));
        } catch (RuntimeException e) {
            JsonLog.error("timeline not written", e, "entries", pending.size(), "incidentId", pending.get(0).incidentId());
            return failure(pending.get(0).sequenceNumber());
        }
        for (Pending p : pending) {
            try {
                startEscalation(p);
            } catch (SdkException e) {
                // Before any event is put: the retried batch starts it (a start is idempotent).
                JsonLog.error("escalation not started", e, "incidentId", p.incidentId());
                return failure(pending.get(0).sequenceNumber());
            }
        }
        for (int from = 0; from < pending.size(); from += MAX_ENTRIES) {
            Optional<String> failed = put(pending.subList(from, Math.min(from + MAX_ENTRIES, pending.size())));
            if (failed.isPresent()) {
                return failure(failed.get());
            }
        }
        return unreadable == null ? new StreamsEventResponse(List.of()) : failure(unreadable);
    }

    /** An opening starts the incident's escalation, a severity escalation restarts it, when a policy takes it. */
    private void startEscalation(Pending p) {
        p.change().ifPresent(event -> {
            if (event.detailType() == DetailType.OPENED) {
                escalations.start(event.incident(), event.incident().updatedAt());
            } else if (event.detailType() == DetailType.ESCALATED) {
                escalations.restart(event.incident(), event.incident().updatedAt());
            }
        });
    }

    /**
     * Duplicates are counted on the incident's tallies, apart from the item the stream shows: an event
     * carries the counts when it is published. An opening carries its own (one occurrence).
     */
    private IncidentEvent counted(IncidentEvent event) {
        return event.detailType() == DetailType.OPENED ? event : event.withIncident(tallies.overlay(event.incident()));
    }

    private Pending pending(DynamodbStreamRecord record, IncidentEvent event) {
        String incidentId = event.incident().incidentId();
        Optional<OwnAnnouncements.Claim> claim = AnnouncedChanges.of(event.detailType())
                .map(change -> OwnAnnouncements.of(record, change, incidentId))
                .or(() -> OwnAnnouncements.adoptedOpening(record, incidentId));
        return new Pending(sequenceNumber(record), incidentId,
                BusEntries.incident(eventBusName, event, event.incident().updatedAt()), Optional.of(event), claim);
    }

    private Pending pending(DynamodbStreamRecord record, PlaybookRunEvents.PlaybookRunEvent run) {
        return new Pending(sequenceNumber(record), run.incidentId(), BusEntries.playbookRun(eventBusName, run),
                Optional.empty(), Optional.of(OwnAnnouncements.of(record, Announcement.RESULT, run.incidentId())));
    }

    /** @return the sequence number of the first record whose event was not put, if any */
    private Optional<String> put(List<Pending> batch) {
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(b -> b.entries(batch.stream().map(Pending::entry).toList()));
        } catch (SdkException e) {
            JsonLog.error("PutEvents failed", e, "entries", batch.size(), "incidentId", batch.get(0).incidentId());
            return Optional.of(batch.get(0).sequenceNumber());
        }
        // Result entries come back in the order of the request's entries.
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
            if (result == null || result.errorCode() != null) {
                JsonLog.warn("event not put", "incidentId", batch.get(i).incidentId(),
                        "errorCode", result == null ? "NoResultEntry" : result.errorCode(),
                        "errorMessage", result == null ? null : result.errorMessage());
                return Optional.of(batch.get(i).sequenceNumber());
            }
            JsonLog.info("event published", "incidentId", batch.get(i).incidentId(),
                    "detailType", batch.get(i).entry().detailType(), "eventId", result.eventId());
            // Claimed changes only: a repeat's update, or a change another region announced, has no metric here.
            Pending published = batch.get(i);
            if (published.claim().isPresent()) {
                published.change().ifPresent(metrics::record);
            }
        }
        return Optional.empty();
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    private static StreamsEventResponse failure(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
    }
}
