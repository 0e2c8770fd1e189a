package com.example.orders;

import io.incidentpipeline.guardrails.Guardrails;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The consumer's CDK app: `cdk synth` runs this. */
public final class OrdersApp {
    private OrdersApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new OrdersStack(app, "Orders", StackProps.builder().build());
        Guardrails.applyTo(app);
        app.synth();
    }
}
