package io.incidentpipeline.failover;

import java.util.Locale;

/** How the shared API hostname answers when the pipeline runs in several regions. */
public enum Routing {
    /** Active-active: each caller goes to the healthy region with the lowest latency to it. */
    LATENCY,
    /** Active-passive: the primary region while it is healthy, the other regions only when it is not. */
    FAILOVER;

    /** @return the value used in the {@code routing} context key */
    public String getId() {
        return name().toLowerCase(Locale.ROOT);
    }
}
