package io.incidentpipeline.cost.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code AWS::Lambda::Function}: requests and warm GB-seconds for the invocations its role gets per
 * alert, X-Ray traces it starts, and its logs when they go to the implicit, never-expiring
 * {@code /aws/lambda/...} group (an explicit log group is priced on its own row). The ingest
 * function also serves every health-check probe.
 */
final class LambdaFunctionModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource resource, EstimateContext ctx) {
        LambdaShape fn = ctx.lambda(resource);
        if (fn.role() == HandlerRole.OTHER) {
            return ModelCost.priced(0, 0, "not on the alert path (handler '" + fn.handler()
                    + "'): invoked rarely, e.g. at deployment; not counted");
        }
        if (fn.role() == HandlerRole.SWEEPER) {
            return sweeper(resource, fn, ctx);
        }
        double share = ctx.alertShare(resource.stack());
        double invocationsPerAlert = ctx.invocationsPerStageAlert(resource);
        double perInvocation = ctx.lambdaUsdPerInvocation(fn);
        double perMillion = invocationsPerAlert * Units.MILLION * perInvocation;
        List<String> notes = new ArrayList<>();
        notes.add(fn.role().name().toLowerCase() + ": " + Notes.n(ctx.invocationsPerAlert(fn.role()))
                + " invocation(s) per alert" + Notes.share(share) + ", " + fn.memoryMb() + " MB " + fn.architecture()
                + ", " + Notes.n(ctx.warmSeconds(fn.role()) * 1000) + " ms warm = "
                + Notes.usd(perInvocation * Units.MILLION) + " per million invocations");
        // The REST stage starts the ingest request's trace; the function's segment joins it.
        boolean startsTraces = fn.tracingActive() && !(fn.role() == HandlerRole.INGEST && ctx.apiTraced(resource.stack()));
        if (startsTraces) {
            double xray = ctx.xrayPerMillion(invocationsPerAlert);
            perMillion += xray;
            notes.add("X-Ray " + Notes.usd(xray));
        }
        double perProbe = fn.role() == HandlerRole.HEALTH ? perInvocation : 0;
        if (fn.logGroupId().isEmpty()) {
            double usdPerByte = ctx.logUsdPerByte(ctx.value(Assumption.NEVER_EXPIRING_MONTHS));
            double bytes = ctx.logBytesPerInvocation(fn);
            perMillion += invocationsPerAlert * Units.MILLION * bytes * usdPerByte;
            perProbe += fn.role() == HandlerRole.HEALTH ? bytes * usdPerByte : 0;
            notes.add("logs to the implicit /aws/lambda group, which never expires (priced for "
                    + Notes.n(ctx.value(Assumption.NEVER_EXPIRING_MONTHS)) + " months)");
        }
        if (resource.text("SnapStart", "ApplyOn").map("PublishedVersions"::equals).orElse(false)) {
            notes.add("SnapStart adds no charge for Java");
        }
        return ModelCost.priced(0, perMillion, String.join("; ", notes)).withPerProbe(perProbe);
    }

    /**
     * The sweeper of due work (escalation levels, the ends of silences, and in a multi-region stage the
     * announcement takeover) runs on DueWorkSweeper's fixed {@code rate(1 minute)} schedule whatever the
     * traffic: an idle cost of one invocation and one empty Query of the keys-only index (0.5 read units,
     * eventually consistent) per kind of work it does: escalation levels when the function has policies
     * ({@code ESCALATION_POLICIES}), takeovers unless {@code ANNOUNCEMENT_TAKEOVER} is false, ended
     * silences always; plus the open-incidents gauge's two Queries of {@code byStatus} (OPEN and
     * ACKNOWLEDGED, empty when idle). Traced, one trace a minute too (the sampling reservoir of one a
     * second traces every sweep). It logs nothing when nothing is due.
     */
    private static ModelCost sweeper(TemplateResource resource, LambdaShape fn, EstimateContext ctx) {
        double sweeps = Units.HOURS_PER_MONTH * 60;
        boolean escalations = resource.text("Environment", "Variables", "ESCALATION_POLICIES").isPresent();
        boolean takeover = !resource.text("Environment", "Variables", "ANNOUNCEMENT_TAKEOVER").map("false"::equals)
                .orElse(false);
        // Escalation levels and takeovers when configured; ended silences and the gauge's two statuses always.
        int queries = (escalations ? 1 : 0) + (takeover ? 1 : 0) + 1 + 2;
        double invocations = sweeps * ctx.lambdaUsdPerInvocation(fn);
        double reads = sweeps * queries * 0.5 * ctx.price(Price.DYNAMODB_READ_REQUEST_UNITS) / Units.MILLION;
        double traces = fn.tracingActive() ? sweeps * ctx.price(Price.XRAY_TRACES) / Units.MILLION : 0;
        String work = (escalations ? "escalation levels, " : "") + "ended silences"
                + (takeover ? ", announcement takeover" : "") + "; the open-incidents gauge";
        return ModelCost.priced(invocations + reads + traces, 0, "due-work sweeper (" + work + "): " + Notes.n(sweeps)
                + " sweeps a month, " + fn.memoryMb() + " MB " + fn.architecture() + ", "
                + Notes.n(ctx.warmSeconds(fn.role()) * 1000) + " ms warm = " + Notes.usd(invocations) + "; "
                + Notes.n(queries) + " empty index Query a sweep (0.5 RRU each) = " + Notes.usd(reads)
                + (traces > 0 ? "; X-Ray " + Notes.usd(traces) + " (every sweep traced; 100,000 traces a month are free,"
                        + " not deducted)" : "; untraced (Lambda would trace every sweep)")
                + "; each escalation level fired costs two strongly consistent reads, the tallies' two reads, three"
                + " writes and one event, an unsilenced incident a read and two writes (three after an early"
                + " delete), and a takeover its announcement: not idle, not counted");
    }
}
