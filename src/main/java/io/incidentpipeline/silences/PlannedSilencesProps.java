package io.incidentpipeline.silences;

import io.incidentpipeline.store.IIncidentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Props of {@link PlannedSilences}. */
public final class PlannedSilencesProps {
    /** The most windows one deployment declares: one item holds them, and a long list is mostly ended windows. */
    public static final int MAX_WINDOWS = 50;

    private final IIncidentStore store;
    private final List<PlannedSilence> silences;

    private PlannedSilencesProps(Builder b) {
        this.store = b.store;
        this.silences = List.copyOf(b.silences);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the incident table the windows are written to (in the region that owns the global table) */
    public IIncidentStore getStore() {
        return store;
    }

    /**
     * @return the windows
     * @default none: the deployment removes every window it wrote before
     */
    public List<PlannedSilence> getSilences() {
        return silences;
    }

    /** Builder for {@link PlannedSilencesProps}. */
    public static final class Builder {
        private IIncidentStore store;
        private final List<PlannedSilence> silences = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param store the incident table; required
         * @return this builder
         */
        public Builder store(IIncidentStore store) {
            if (store == null) {
                throw new IllegalArgumentException("PlannedSilencesProps.store must not be null: pass the IncidentStore"
                        + " of the pipeline, in the stack that owns its table");
            }
            this.store = store;
            return this;
        }

        /**
         * @param values windows to declare, added to those given before
         * @return this builder
         */
        public Builder silences(List<PlannedSilence> values) {
            if (values == null || values.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("PlannedSilencesProps.silences must not be null or hold a null: list"
                        + " PlannedSilence windows, or List.of() for none");
            }
            silences.addAll(values);
            return this;
        }

        /**
         * @return the props
         * @throws IllegalArgumentException without a store, or with two windows of one name
         */
        public PlannedSilencesProps build() {
            if (store == null) {
                throw new IllegalArgumentException("PlannedSilencesProps.store is required: the IncidentStore of the"
                        + " pipeline, in the stack that owns its table");
            }
            checkWindows(silences, "PlannedSilencesProps");
            return new PlannedSilencesProps(this);
        }
    }

    /**
     * Checks windows as one deployment declares them: each name once, at most {@value #MAX_WINDOWS}.
     *
     * @param silences the windows
     * @param where    the property that holds them, for the message
     * @throws IllegalArgumentException naming the repeated name or the count, and the fix
     */
    public static void checkWindows(List<PlannedSilence> silences, String where) {
        Set<String> names = new HashSet<>();
        for (PlannedSilence silence : silences) {
            if (!names.add(silence.getName())) {
                throw new IllegalArgumentException(where + ": two windows are named '" + silence.getName()
                        + "'; give each its own name");
            }
        }
        if (silences.size() > MAX_WINDOWS) {
            throw new IllegalArgumentException(where + ": " + silences.size() + " windows; declare at most "
                    + MAX_WINDOWS + " (remove those that have ended)");
        }
    }
}
