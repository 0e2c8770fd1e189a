package io.incidentpipeline.app;

import io.incidentpipeline.config.ConfigurationException;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.cost.CostRulesOptions;
import io.incidentpipeline.cost.estimate.CostReport;
import io.incidentpipeline.guardrails.Guardrails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.route53.IHealthCheck;

/**
 * The deployable app: reads {@link PipelineConfig} from the CDK context, creates one
 * {@link IncidentPipelineStack} per region (the primary one holds the stage's cost guardrails when
 * it is us-east-1; otherwise a {@link CostGuardrailsStack} there does), tags everything with stage,
 * app and owner, and puts the cdk-nag guardrails, cost rules included, over the whole app.
 */
public final class IncidentPipelineApp {
    /** Tag keys on every resource; activate them as cost-allocation tags to split the bill. */
    public static final String TAG_STAGE = "Stage";
    public static final String TAG_APP = "App";
    public static final String TAG_OWNER = "Owner";
    public static final String APP_NAME = "incident-pipeline";

    private IncidentPipelineApp() {
    }

    /**
     * Builds the app's stacks into {@code app}.
     *
     * @throws ConfigurationException when the context holds invalid values
     */
    public static List<IncidentPipelineStack> build(App app) {
        return build(app, PipelineConfig.fromContext(app.getNode()));
    }

    /** Builds the app's stacks into {@code app} from an already read configuration. */
    public static List<IncidentPipelineStack> build(App app, PipelineConfig config) {
        IncidentPipelineStack primary = new IncidentPipelineStack(app, config, config.getPrimaryRegion());
        List<IncidentPipelineStack> stacks = new ArrayList<>(List.of(primary));
        for (String region : config.getSecondaryRegions()) {
            IncidentPipelineStack secondary = new IncidentPipelineStack(app, config, region);
            // Its replica and secret replica exist once the primary stack is deployed: `cdk deploy --all` order.
            secondary.addDependency(primary);
            stacks.add(secondary);
        }
        if (!CostGuardrails.HOME_REGION.equals(config.getPrimaryRegion())) {
            // The primary region's intake subscribes to the budget topic there: deploy it first.
            primary.addDependency(new CostGuardrailsStack(app, config));
        }
        if (alarmsOnHealthChecks(config)) {
            Map<String, IHealthCheck> healthChecks = new LinkedHashMap<>();
            stacks.forEach(stack -> stack.getEndpoint().ifPresent(endpoint ->
                    healthChecks.put(stack.getRegion(), endpoint.getHealthCheck())));
            new HealthCheckAlarmsStack(app, config, healthChecks);
        }
        Tags.of(app).add(TAG_STAGE, config.getStage().getName());
        Tags.of(app).add(TAG_APP, APP_NAME);
        Tags.of(app).add(TAG_OWNER, config.getOwner());
        Guardrails.applyTo(app, CostRulesOptions.builder().sandbox(config.getStage().isSandbox()).build());
        return stacks;
    }

    /**
     * @return whether the stage alarms on its regions' Route 53 health checks: with a domain (so health
     *         checks) and monitoring on. The alarms live in us-east-1 ({@link HealthCheckAlarmsStack}) and
     *         read the regions' health-check ids through CDK's cross-region references (SSM parameters
     *         kept in step by a custom resource), so the regional stacks enable them too.
     */
    static boolean alarmsOnHealthChecks(PipelineConfig config) {
        return config.getDomain().isPresent() && config.isMonitoring();
    }

    public static void main(String[] args) {
        App app = new App(AppProps.builder().build());
        PipelineConfig config;
        try {
            config = PipelineConfig.fromContext(app.getNode());
            build(app, config);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CloudAssembly assembly = app.synth();
        // The cost of what was just synthesized, beside the templates (cdk.out/cost-estimate.*).
        Path outdir = Path.of(assembly.getDirectory());
        CostReport report = CostReport.writeTo(outdir, config.getStage().getName());
        summary(config, outdir, report).forEach(System.err::println);
    }

    /**
     * What a synth prints: the stacks, where the reports are, and for a shared stage without a
     * domain what it does without one. Everything else is in the reports; the CLI prints findings
     * itself when there are any.
     */
    static List<String> summary(PipelineConfig config, Path outdir, CostReport report) {
        Path cwd = Path.of("").toAbsolutePath();
        Path shown = outdir.toAbsolutePath().startsWith(cwd) ? cwd.relativize(outdir.toAbsolutePath()) : outdir;
        List<String> lines = new ArrayList<>();
        lines.add("Synthesized " + String.join(", ", report.document().stacks()) + " into " + shown);
        lines.add("Reports: " + shown.resolve("validation-report.json") + " (cdk-nag and template checks), "
                + shown.resolve(CostReport.MARKDOWN_FILE) + " (" + report.headline() + ")");
        if (config.getDomain().isEmpty() && !config.getStage().isSandbox()) {
            lines.add("No domainName: each region answers on its own API URL (outputs AlertUrl*). For one hostname"
                    + " with health-checked routing, set domainName, hostedZoneId and hostedZoneName.");
        }
        return lines;
    }
}
