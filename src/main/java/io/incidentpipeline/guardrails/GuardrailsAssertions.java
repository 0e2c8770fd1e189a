package io.incidentpipeline.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;

/**
 * For users' own CI: checks an app with the same guardrails as this project and fails with every
 * finding listed.
 *
 * <pre>{@code
 * @Test
 * void stackPassesTheGuardrails() {
 *     App app = new App();
 *     new OrdersStack(app, "Orders");
 *     GuardrailsAssertions.assertCompliant(app);
 * }
 * }</pre>
 */
public final class GuardrailsAssertions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GuardrailsAssertions() {
    }

    /**
     * Applies the guardrails to {@code app} (if not already applied), synthesizes it and reports.
     * Call it once, after every stack has been added.
     */
    public static GuardrailsReport check(App app) {
        Guardrails.applyTo(app);
        try {
            app.synth();
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Validation failed")) {
                throw e;
            }
        }
        return readReport(Path.of(app.getOutdir(), "validation-report.json"));
    }

    /**
     * @throws AssertionError listing every finding when the app is not compliant
     */
    public static void assertCompliant(App app) {
        GuardrailsReport report = check(app);
        if (!report.isCompliant()) {
            throw new AssertionError("The app does not pass the Incident Pipeline guardrails; fix each resource or"
                    + " acknowledge the finding with Guardrails.acknowledge(construct, finding, reason).\n" + report);
        }
    }

    static GuardrailsReport readReport(Path report) {
        List<String> findings = new ArrayList<>();
        if (Files.exists(report)) {
            try {
                for (JsonNode plugin : JSON.readTree(report.toFile()).path("pluginReports")) {
                    for (JsonNode violation : plugin.path("violations")) {
                        for (JsonNode construct : violation.path("violatingConstructs")) {
                            findings.add(violation.path("ruleName").asText() + " (" + violation.path("severity").asText()
                                    + ") at " + construct.path("constructPath").asText());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable validation report " + report, e);
            }
        }
        return new GuardrailsReport(findings);
    }
}
