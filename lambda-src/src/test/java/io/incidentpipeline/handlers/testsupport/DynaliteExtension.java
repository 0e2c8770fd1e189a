package io.incidentpipeline.handlers.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one dynalite for the whole test run (the first class that asks starts it; the root
 * store stops it when the run ends) and hands it to tests as a {@link Dynalite} parameter.
 */
public final class DynaliteExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Dynalite.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        dynalite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Dynalite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return dynalite(context);
    }

    private static Dynalite dynalite(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Dynalite.class, type -> Dynalite.start(), Dynalite.class);
    }
}
