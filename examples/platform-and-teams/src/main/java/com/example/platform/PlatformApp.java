package com.example.platform;

import io.incidentpipeline.guardrails.Guardrails;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** Two pipelines in one account, and a stack that uses one of them by name: `cdk synth` runs this. */
public final class PlatformApp {
    /** The account and region of the example (any will do: nothing here is looked up). */
    static final StackProps ENV = StackProps.builder()
            .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build();
    /** The platform table key's ARN as the reports app would be told it. */
    static final String TABLE_KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private PlatformApp() {
    }

    /**
     * Builds the example's stacks.
     *
     * @param app the app to build into
     */
    static void build(App app) {
        new PlatformStack(app, "Platform", ENV);
        new PaymentsStack(app, "Payments", ENV);
        new ReportsStack(app, "Reports", ENV, TABLE_KEY_ARN);
        Guardrails.applyTo(app);
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }
}
