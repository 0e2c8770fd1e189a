package com.example.alerts;

import io.incidentpipeline.guardrails.Guardrails;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The consumer's CDK app: `cdk synth` runs this. */
public final class AlertsApp {
    private AlertsApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new AlertsStack(app, "Alerts", StackProps.builder().build());
        Guardrails.applyTo(app);
        app.synth();
    }
}
