package com.example.checkout.infra;

import io.incidentpipeline.guardrails.Guardrails;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The checkout team's CDK app: `cdk synth` runs this (build ../playbook first: `mvn package` in the parent). */
public final class CheckoutApp {
    private CheckoutApp() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        App app = new App();
        new CheckoutStack(app, "Checkout", StackProps.builder().build());
        Guardrails.applyTo(app);
        app.synth();
    }
}
