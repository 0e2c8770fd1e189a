package io.incidentpipeline.cost.estimate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code AWS::Logs::LogGroup}: ingestion and storage for the retention, of what its writers (a
 * function's logs, a stage's access log) write per alert and per probe. Nothing while idle.
 */
final class LogGroupModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource group, EstimateContext ctx) {
        List<LogSource> sources = ctx.logSources(group);
        double months = ctx.monthsKept(group.number("RetentionInDays"));
        String retention = group.number("RetentionInDays").isPresent()
                ? "kept " + Notes.n(group.number("RetentionInDays").getAsDouble()) + " days"
                : "never expires (priced for " + Notes.n(months) + " months)";
        if (sources.isEmpty()) {
            return ModelCost.priced(0, 0, "nothing written per alert or probe (e.g. a deploy-time function's logs); " + retention);
        }
        double usdPerByte = ctx.logUsdPerByte(months);
        double bytesPerAlert = sources.stream().mapToDouble(LogSource::bytesPerAlert).sum();
        double bytesPerProbe = sources.stream().mapToDouble(LogSource::bytesPerProbe).sum();
        String writers = sources.stream()
                .map(s -> s.description() + " " + Notes.n(s.bytesPerAlert()) + " B per alert")
                .collect(Collectors.joining(", "));
        return ModelCost.priced(0, bytesPerAlert * Units.MILLION * usdPerByte, writers + "; " + retention)
                .withPerProbe(bytesPerProbe * usdPerByte);
    }
}
