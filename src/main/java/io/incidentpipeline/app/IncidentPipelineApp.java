package io.incidentpipeline.app;

import io.incidentpipeline.config.ConfigurationException;
import io.incidentpipeline.config.PipelineConfig;
import io.incidentpipeline.cost.CostGuardrails;
import io.incidentpipeline.cost.CostRulesOptions;
import io.incidentpipeline.cost.estimate.CostReport;
import io.incidentpipeline.failover.Routing;
import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.guardrails.GuardrailsReport;
import io.incidentpipeline.guardrails.StaleAcknowledgments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The deployable app: reads {@link PipelineConfig} from the CDK context, creates one
 * {@link IncidentPipelineStack} per region (the primary one holds the stage's cost guardrails when
 * it is us-east-1; otherwise a {@link CostGuardrailsStack} there does), tags everything with stage,
 * app and owner, and puts the cdk-nag guardrails, cost rules included, over the whole app.
 */
public final class IncidentPipelineApp {
    /** Tag keys on every resource; activate them as cost-allocation tags to split the bill. */
    public static final String TAG_STAGE = "Stage";
    /** Tag key of the app's name ({@value #APP_NAME}). */
    public static final String TAG_APP = "App";
    /** Tag key of the owning team ({@code owner} in {@code cdk.json}). */
    public static final String TAG_OWNER = "Owner";
    /** The value of the {@value #TAG_APP} tag. */
    public static final String APP_NAME = "incident-pipeline";
    /** The {@code Stage} tag of what every stage of the account shares (API Gateway's account setting). */
    public static final String SHARED_STAGE_TAG = "shared";

    private IncidentPipelineApp() {
    }

    /**
     * Builds the app's stacks into {@code app}.
     *
     * @param app the app, whose context holds the configuration
     * @return the regional stacks, primary first
     * @throws ConfigurationException when the context holds invalid values
     */
    public static List<IncidentPipelineStack> build(App app) {
        return build(app, PipelineConfig.fromContext(app.getNode()));
    }

    /**
     * Builds the app's stacks into {@code app} from an already read configuration.
     *
     * @param app the app
     * @param config the configuration
     * @return the regional stacks, primary first
     */
    public static List<IncidentPipelineStack> build(App app, PipelineConfig config) {
        IncidentPipelineStack primary = new IncidentPipelineStack(app, config, config.getPrimaryRegion());
        List<IncidentPipelineStack> stacks = new ArrayList<>(List.of(primary));
        for (String region : config.getSecondaryRegions()) {
            IncidentPipelineStack secondary = new IncidentPipelineStack(app, config, region);
            // Its replica and secret replica exist once the primary stack is deployed: `cdk deploy --all` order.
            secondary.addStackDependency(primary);
            stacks.add(secondary);
        }
        if (config.isManageApiGatewayAccount()) {
            // The API stages log to CloudWatch: the account's logging role must be set before they deploy.
            stacks.forEach(stack -> {
                ApiGatewayAccountStack account = new ApiGatewayAccountStack(app, config, stack.getRegion());
                Tags.of(account).add(TAG_STAGE, SHARED_STAGE_TAG);
                stack.addStackDependency(account);
            });
        }
        if (!CostGuardrails.HOME_REGION.equals(config.getPrimaryRegion())) {
            // The primary region's intake subscribes to the budget topic there: deploy it first.
            primary.addStackDependency(new CostGuardrailsStack(app, config));
        }
        config.getDomain().filter(d -> config.getRouting() == Routing.FAILOVER && stacks.size() > 1).ifPresent(domain -> {
            FailoverRecordStack failover = new FailoverRecordStack(app, config, domain);
            stacks.forEach(failover::addStackDependency);
        });
        if (alarmsOnHealthChecks(config)) {
            // Each region writes its health check's id to an SSM parameter in us-east-1: deploy them first.
            HealthCheckAlarmsStack alarms = new HealthCheckAlarmsStack(app, config,
                    stacks.stream().map(IncidentPipelineStack::getRegion).toList());
            stacks.forEach(alarms::addStackDependency);
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
     *         read the regions' health-check ids from SSM parameters there, which each regional stack
     *         writes at deploy time ({@code HealthCheckIdParameter}).
     */
    static boolean alarmsOnHealthChecks(PipelineConfig config) {
        return config.getDomain().isPresent() && config.isMonitoring();
    }

    /**
     * {@code cdk.json}'s app: synthesizes the stacks, fails on the guardrails' findings and writes the cost report.
     *
     * @param args unused
     */
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
        // CDK fails synth on findings; the gate also fails on acknowledgments that must not stand or
        // suppress nothing (this app's own acknowledgments are all in use, so a stale one is a bug).
        GuardrailsReport gate = Guardrails.report(app);
        if (!gate.isCompliant(StaleAcknowledgments.FAIL)) {
            System.err.println("Incident Pipeline guardrails:\n" + gate);
            System.exit(1);
        }
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
