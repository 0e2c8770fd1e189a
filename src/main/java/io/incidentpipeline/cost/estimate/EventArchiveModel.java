package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::Events::Archive}: billed by the GB archived and stored, so about $0 while idle; per
 * alert, its event's bytes processed and kept for the archive's retention.
 */
final class EventArchiveModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource archive, EstimateContext ctx) {
        double share = ctx.alertShare(archive.stack());
        double months = ctx.monthsKept(archive.number("RetentionDays"));
        double gigabytes = share * Units.MILLION * ctx.value(Assumption.EVENT_BYTES) / Units.BYTES_PER_GB;
        double perMillion = gigabytes
                * (ctx.price(Price.EVENTS_ARCHIVE_PROCESSED) + ctx.price(Price.EVENTS_ARCHIVE_STORAGE) * months);
        return ModelCost.priced(0, perMillion, "≈ $0 idle (billed per GB); " + Notes.n(gigabytes)
                + " GB archived per million alerts, kept " + Notes.n(months) + " month(s)");
    }
}
