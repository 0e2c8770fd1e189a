package io.incidentpipeline.handlers.store;

/**
 * The names of the incident table's indexes, as the constructs name them (docs/CONTRACTS.md, "Table").
 *
 * @param byStatus  partition {@code gsi1pk = STATUS#<status>}, sort {@code gsi1sk = <openedAt>#<incidentId>}
 * @param byService partition {@code gsi2pk = STATUS#<status>#SERVICE#<service>}, sort {@code gsi1sk}
 * @param byId      partition {@code incidentId}, keys only
 */
public record IndexNames(String byStatus, String byService, String byId) {
    /** The names the constructs give the indexes. */
    public static final IndexNames DEFAULT = new IndexNames("byStatus", "byService", "byId");

    /** The keys-only index of due work ({@link DueWork}): partition {@code due}, sort {@code dueAt}. */
    public static final String DUE_WORK = "byDue";
}
