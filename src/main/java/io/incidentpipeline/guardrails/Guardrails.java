package io.incidentpipeline.guardrails;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import io.incidentpipeline.cost.CostRulesOptions;
import io.incidentpipeline.cost.CostRulesPack;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The synth-time gate: cdk-nag's AwsSolutions and Serverless packs and the project's own cost rules
 * over a whole app.
 * An unacknowledged error fails {@code cdk synth}; findings land in {@code cdk.out/validation-report.json}.
 *
 * <p>Acknowledgments go through {@link #acknowledge} so each one names one construct, one exact
 * finding and a reason, and is written into the template metadata as an audit trail. An
 * acknowledgment covers the construct it is made on and its children only; {@link #report} checks,
 * after synth, that none was made on a stack or the app, none suppressed a finding outside its
 * construct, and none suppresses nothing.
 */
public final class Guardrails {
    private Guardrails() {
    }

    private static final String MARKER_ID = "IncidentPipelineGuardrails";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Adds the packs with the cost rules' defaults (not a sandbox); see {@link #applyTo(App, CostRulesOptions)}.
     *
     * @param app the app whose stacks get the packs
     */
    public static void applyTo(App app) {
        applyTo(app, CostRulesOptions.builder().build());
    }

    /**
     * Adds the AwsSolutions, Serverless and {@link CostRulesPack Cost} packs to every stack of
     * {@code app}. Applying them twice to one app is a no-op, so a test helper and the app's own
     * code can both call it.
     *
     * @param app the app whose stacks get the packs
     * @param costOptions the cost rules' settings (a sandbox's budget and health checks)
     * @throws IllegalStateException when the classpath holds aws-cdk-lib before 2.272.0 or cdk-nag
     *     other than 3.x (chosen by the consumer's own pom), naming the fix
     */
    public static void applyTo(App app, CostRulesOptions costOptions) {
        if (app.getNode().tryFindChild(MARKER_ID) != null) {
            return;
        }
        LibraryVersions.check();
        new Construct(app, MARKER_ID);
        NagPackProps props = NagPackProps.builder().verbose(true).writeSuppressionsToCloudFormation(true).build();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app, props), new ServerlessChecks(app, props),
                new CostRulesPack(app, props, costOptions), new AcknowledgmentPlacementCheck());
    }

    /**
     * {@return the gate's verdict on an app that has been synthesized ({@code app.synth()}): the findings left
     * after acknowledgments, and the acknowledgments themselves checked against what they suppressed
     * (made on a stack or the app, suppressing outside their construct, or suppressing nothing)}
     * CDK's own synth fails on the findings; call this after it (as {@code IncidentPipelineApp} and
     * {@link GuardrailsAssertions} do) to fail on the acknowledgments too.
     *
     * @param app the synthesized app
     */
    public static GuardrailsReport report(App app) {
        Path file = Path.of(app.getOutdir(), "validation-report.json");
        JsonNode report;
        try {
            report = Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable validation report " + file, e);
        }
        List<AcknowledgmentAudit.Acknowledgment> acknowledgments = AcknowledgmentAudit.collect(app, Path.of(app.getOutdir()));
        Set<String> pluginsThatRan = new HashSet<>(AcknowledgmentAudit.pluginsIn(report));
        if (app.getNode().tryFindChild(MARKER_ID) != null) {
            pluginsThatRan.addAll(List.of("AwsSolutions", "Serverless", CostRulesPack.PACK_NAME));
        }
        if (!"false".equals(System.getenv("CDK_VALIDATION"))) {
            pluginsThatRan.add("CloudFormation-Validate");
        }
        List<String> errors = new ArrayList<>(AcknowledgmentAudit.misplaced(acknowledgments));
        errors.addAll(AcknowledgmentAudit.outOfScope(report));
        return new GuardrailsReport(unsuppressedFindings(report), errors,
                AcknowledgmentAudit.stale(acknowledgments, report, pluginsThatRan));
    }

    private static List<String> unsuppressedFindings(JsonNode report) {
        List<String> findings = new ArrayList<>();
        for (JsonNode plugin : report.path("pluginReports")) {
            for (JsonNode violation : plugin.path("violations")) {
                for (JsonNode construct : violation.path("violatingConstructs")) {
                    findings.add(violation.path("ruleName").asText() + " (" + violation.path("severity").asText()
                            + ") at " + construct.path("constructPath").asText());
                }
            }
        }
        return findings;
    }

    /**
     * Acknowledges one finding on one construct and its children, nothing else.
     *
     * <p>The acknowledgment is recorded qualified with the plugin that reports the finding
     * ({@code AwsSolutions::AwsSolutions-IAM5[Resource::*]}, the form the CDK CLI suggests): CDK then
     * applies it by construct path and lists every finding it suppressed in
     * {@code validation-report.json}, so {@link #report} can tell an acknowledgment that suppresses
     * nothing (stale or mistyped) from one in use.
     *
     * @param construct the construct the finding is reported on, or one of its scopes below the stack;
     *                  never a stack, a stage or the app
     * @param finding   the exact finding as the report names it, e.g. {@code AwsSolutions-IAM5[Resource::*]},
     *                  {@code AwsSolutions-SQS3} or {@code CloudFormation-Validate::W3694}
     * @param reason    why the finding is acceptable here, for the audit trail
     * @throws IllegalArgumentException when the reason is blank, the finding id belongs to no known
     *                                  plugin, or the construct is a stack, a stage or the app
     */
    public static void acknowledge(IConstruct construct, String finding, String reason) {
        if (finding == null || finding.isBlank()) {
            throw new IllegalArgumentException("Guardrails.acknowledge needs the finding id the synth report names,"
                    + " e.g. AwsSolutions-SQS3");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("An acknowledgment of " + finding + " needs a reason");
        }
        if (Stack.isStack(construct) || Stage.isStage(construct)) {
            throw new IllegalArgumentException("Refusing to acknowledge " + finding + " on '"
                    + (construct.getNode().getPath().isEmpty() ? "the app" : construct.getNode().getPath())
                    + "': on a stack, stage or the app it would hide the finding on every resource below it."
                    + " Acknowledge it on the resource (or the construct) the finding names.");
        }
        String id = FindingIds.qualified(finding);
        Validations.of(construct).acknowledge(Acknowledgment.builder().id(id).reason(reason).build());
    }

    /**
     * @param stack the stack of the resource
     * @param service the ARN's service, e.g. {@code ec2}
     * @param regional whether the service's ARNs carry a region and an account (S3 buckets' do not)
     * @param resource the ARN's resource part, e.g. {@code security-group/*}
     * @return an ARN as cdk-nag writes it in a finding: the stack's partition, region and account
     *     where they are known at synth, their pseudo-parameter names where they are not, e.g.
     *     {@code arn:aws:ec2:us-east-1:<AWS::AccountId>:security-group/*}
     */
    public static String findingArn(Stack stack, String service, boolean regional, String resource) {
        String partition = shown(stack.getPartition(), "<AWS::Partition>");
        if (!regional) {
            return "arn:" + partition + ":" + service + ":::" + resource;
        }
        return "arn:" + partition + ":" + service + ":" + shown(stack.getRegion(), "<AWS::Region>") + ":"
                + shown(stack.getAccount(), "<AWS::AccountId>") + ":" + resource;
    }

    /**
     * @param stack the stack of the resource
     * @param service the ARN's service, e.g. {@code apigateway}
     * @param resource the ARN's resource part
     * @return a regional ARN without an account (API Gateway's) as nag findings spell it:
     *     {@code arn:<partition>:<service>:<region>::<resource>}
     */
    public static String findingArnWithoutAccount(Stack stack, String service, String resource) {
        return "arn:" + shown(stack.getPartition(), "<AWS::Partition>") + ":" + service + ":"
                + shown(stack.getRegion(), "<AWS::Region>") + "::" + resource;
    }

    private static String shown(String value, String pseudoParameter) {
        return Token.isUnresolved(value) ? pseudoParameter : value;
    }
}
