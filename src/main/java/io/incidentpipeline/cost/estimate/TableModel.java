package io.incidentpipeline.cost.estimate;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentpipeline.store.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code AWS::DynamoDB::GlobalTable} (and a plain {@code AWS::DynamoDB::Table}, one replica):
 * write units per alert in every replica, one month of storage and PITR for the items a million
 * alerts add, and, in provisioned mode, the capacity paid for while idle.
 *
 * <p>Per alert: the dedup write — for the share that opens an incident, the incident item (as many
 * write units as it has KB); for a duplicate, its small tally item (1 write unit whatever the
 * incident's size, measured by {@code benchmarks/storm.sh}) — the claim of its delivery id for the
 * share that carries one (one small item, 1 write unit), one index write for the share that opens an
 * incident, the playbooks' run records, and the claim of each announced change with its due-index
 * moves. Every write is repeated in every replica. Every alert also reads the incident item once,
 * eventually consistent (half a read unit per 4 KB), in the region that receives it: priced in
 * on-demand mode, part of the read capacity in provisioned mode.
 * Reading the table's stream from Lambda is free; the health probe's reads are priced on the
 * health check.
 */
final class TableModel implements ResourceModel {
    /** Application Auto Scaling's usual target when the template sets none. */
    private static final double DEFAULT_TARGET_UTILIZATION = 70;

    /** The table types this model prices. */
    static final Set<String> TYPES = Set.of("AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table");

    /** @return the regions every write lands in: the replicas of a global table, 1 for a plain table */
    static int replicas(TemplateResource table) {
        return table.type().equals("AWS::DynamoDB::GlobalTable") ? Math.max(1, table.property("Replicas").size()) : 1;
    }

    @Override
    public ModelCost cost(TemplateResource table, EstimateContext ctx) {
        boolean global = table.type().equals("AWS::DynamoDB::GlobalTable");
        JsonNode replicas = table.property("Replicas");
        int replicaCount = replicas(table);
        int indexes = table.property("GlobalSecondaryIndexes").size();
        // Listing indexes (those that carry attributes, keyed by status) move when an incident resolves.
        int listingIndexes = 0;
        for (JsonNode index : table.property("GlobalSecondaryIndexes")) {
            listingIndexes += "KEYS_ONLY".equals(index.path("Projection").path("ProjectionType").asText()) ? 0 : 1;
        }
        // GlobalTable and Table both default to PROVISIONED when BillingMode is left out.
        boolean provisioned = !"PAY_PER_REQUEST".equals(table.text("BillingMode").orElse("PROVISIONED"));

        double newShare = ctx.value(Assumption.NEW_INCIDENT_SHARE);
        // Every playbook, in every region, records its runs in this (global) table.
        double runRecords = ctx.functions(HandlerRole.PLAYBOOK).stream().mapToDouble(ctx::invocationsPerStageAlert).sum()
                * ctx.value(Assumption.PLAYBOOK_TABLE_WRITES_PER_RUN);
        // A new incident writes every index once, and each listing index twice more when it resolves
        // (its key changes: a delete and a put); plus its lifecycle timeline entries. A duplicate: none.
        double indexWrites = newShare * (indexes + 2 * listingIndexes);
        double timeline = newShare * ctx.value(Assumption.TIMELINE_ENTRIES_PER_INCIDENT);
        double announcements = hasDueIndex(table) ? announcementWrites(ctx, newShare) : 0;
        double writesPerAlert = 1 + indexWrites + timeline + runRecords + announcements;
        double unitsPerWrite = Math.ceil(ctx.value(Assumption.ITEM_BYTES) / Units.BYTES_PER_WRITE_UNIT);
        // A duplicate's tally and a delivery id's claim are small items: 1 write unit whatever the incident's size.
        double duplicates = 1 - newShare;
        double claims = ctx.value(Assumption.DELIVERY_ID_SHARE);
        double replicatedUnitsPerAlert = ((writesPerAlert - duplicates) * unitsPerWrite + duplicates + claims)
                * replicaCount;

        List<String> notes = new ArrayList<>();
        notes.add(replicaCount + " replica(s) × " + Notes.n(writesPerAlert) + " writes per alert (1 dedup write"
                + (indexes > 0 ? " + " + Notes.n(indexWrites) + " index writes" : "")
                + (timeline > 0 ? " + " + Notes.n(timeline) + " timeline entries" : "")
                + (runRecords > 0 ? " + " + Notes.n(runRecords) + " playbook run record" : "")
                + (announcements > 0 ? " + " + Notes.n(announcements) + " announcement claims and their byDue index moves" : "")
                + ") × "
                + Notes.n(unitsPerWrite) + " WRU" + (claims > 0 ? " + " + Notes.n(claims) + " delivery id claim × 1 WRU" : ""));
        double idle = 0;
        double perMillion;
        if (provisioned) {
            OptionalDouble scalingTarget = global
                    ? table.number("WriteProvisionedThroughputSettings", "WriteCapacityAutoScalingSettings",
                            "TargetTrackingScalingPolicyConfiguration", "TargetValue")
                    : OptionalDouble.empty();
            double target = scalingTarget.orElse(DEFAULT_TARGET_UTILIZATION) / 100;
            // Capacity that absorbs a million writes a month at the scaling target.
            perMillion = replicatedUnitsPerAlert * Units.MILLION / Units.REQUESTS_PER_CAPACITY_UNIT_HOUR
                    * ctx.price(Price.DYNAMODB_WCU_HOUR) / target;
            double writeUnits = provisionedWriteUnits(table, global) * replicaCount;
            double readUnits = provisionedReadUnits(table, global);
            idle = Units.HOURS_PER_MONTH
                    * (writeUnits * ctx.price(Price.DYNAMODB_WCU_HOUR) + readUnits * ctx.price(Price.DYNAMODB_RCU_HOUR));
            notes.add("provisioned: " + Notes.n(writeUnits) + " WCU + " + Notes.n(readUnits)
                    + " RCU paid while idle; writes priced as capacity at " + Notes.n(target * 100) + "% utilization");
        } else {
            double readUnitsPerAlert = 0.5 * Math.ceil(ctx.value(Assumption.ITEM_BYTES) / Units.BYTES_PER_READ_UNIT);
            perMillion = replicatedUnitsPerAlert * ctx.price(Price.DYNAMODB_WRITE_REQUEST_UNITS)
                    + readUnitsPerAlert * ctx.price(Price.DYNAMODB_READ_REQUEST_UNITS);
            notes.add(Notes.n(readUnitsPerAlert) + " RRU per alert: the incident item's eventually consistent read");
        }

        double itemsPerMillion = (newShare + runRecords + timeline) * Units.MILLION;
        double gigabytes = ((newShare + runRecords) * ctx.value(Assumption.ITEM_BYTES)
                + timeline * ctx.value(Assumption.TIMELINE_ENTRY_BYTES)) * Units.MILLION / Units.BYTES_PER_GB;
        int pitrReplicas = 0;
        if (global) {
            for (JsonNode replica : replicas) {
                pitrReplicas += replica.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled")
                        .asBoolean(false) ? 1 : 0;
            }
        } else {
            pitrReplicas = table.isTrue("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled") ? 1 : 0;
        }
        double months = ctx.value(Assumption.ITEM_STORAGE_MONTHS);
        double storage = gigabytes * months
                * (replicaCount * ctx.price(Price.DYNAMODB_STORAGE) + pitrReplicas * ctx.price(Price.DYNAMODB_PITR));
        perMillion += storage;
        notes.add(Notes.n(itemsPerMillion) + " new items per million alerts, " + Notes.n(gigabytes) + " GB: "
                + Notes.usd(storage) + " storage" + (pitrReplicas > 0 ? " + PITR" : "") + " for " + Notes.n(months)
                + " month(s), again every month they are kept");
        notes.add("stream reads by Lambda are free");
        return ModelCost.priced(idle, perMillion, String.join("; ", notes));
    }

    /** @return whether the table has the index of due work, i.e. its announcements are claimed */
    private static boolean hasDueIndex(TemplateResource table) {
        for (JsonNode index : table.property("GlobalSecondaryIndexes")) {
            if (IncidentStore.DUE_INDEX.equals(index.path("IndexName").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes per alert for announcing each change once across regions: every announced change (an
     * incident's lifecycle changes, a playbook's result) is claimed by one write of its item, and
     * moves the item's keys-only byDue entry twice (due when written, done when claimed; a key
     * change is a delete and a put), except that an opening's first index write is counted with
     * every index's.
     */
    private static double announcementWrites(EstimateContext ctx, double newShare) {
        double changes = ctx.value(Assumption.TIMELINE_ENTRIES_PER_INCIDENT);
        double results = ctx.functions(HandlerRole.PLAYBOOK).stream().mapToDouble(ctx::invocationsPerStageAlert).sum();
        double claims = newShare * changes + results;
        double indexMoves = newShare * (4 * changes - 2) + results * 3;
        return claims + indexMoves;
    }

    /** @return write capacity units of the table and its indexes in one replica (the autoscaling minimum, if scaled) */
    private static double provisionedWriteUnits(TemplateResource table, boolean global) {
        if (global) {
            double units = capacity(table.property("WriteProvisionedThroughputSettings"), "Write");
            for (JsonNode index : table.property("GlobalSecondaryIndexes")) {
                units += capacity(index.path("WriteProvisionedThroughputSettings"), "Write");
            }
            return units;
        }
        double units = table.number("ProvisionedThroughput", "WriteCapacityUnits").orElse(0);
        for (JsonNode index : table.property("GlobalSecondaryIndexes")) {
            units += index.path("ProvisionedThroughput").path("WriteCapacityUnits").asDouble(0);
        }
        return units;
    }

    /** @return read capacity units of the table and its indexes, summed over every replica */
    private static double provisionedReadUnits(TemplateResource table, boolean global) {
        if (global) {
            double units = 0;
            for (JsonNode replica : table.property("Replicas")) {
                units += capacity(replica.path("ReadProvisionedThroughputSettings"), "Read");
                for (JsonNode index : replica.path("GlobalSecondaryIndexes")) {
                    units += capacity(index.path("ReadProvisionedThroughputSettings"), "Read");
                }
            }
            return units;
        }
        double units = table.number("ProvisionedThroughput", "ReadCapacityUnits").orElse(0);
        for (JsonNode index : table.property("GlobalSecondaryIndexes")) {
            units += index.path("ProvisionedThroughput").path("ReadCapacityUnits").asDouble(0);
        }
        return units;
    }

    /** @return fixed {@code <kind>CapacityUnits}, else the autoscaling {@code MinCapacity}, else 0 */
    private static double capacity(JsonNode settings, String kind) {
        JsonNode fixed = settings.path(kind + "CapacityUnits");
        if (fixed.isNumber()) {
            return fixed.asDouble();
        }
        return settings.path(kind + "CapacityAutoScalingSettings").path("MinCapacity").asDouble(0);
    }
}
