package io.incidentpipeline.silences;

import io.incidentpipeline.store.IncidentStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Props of {@link PlannedSilences}. */
public final class PlannedSilencesProps {
    private final IncidentStore store;
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
    public IncidentStore getStore() {
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
        private IncidentStore store;
        private final List<PlannedSilence> silences = new ArrayList<>();

        private Builder() {
        }

        /** @param store the incident table; required @return this */
        public Builder store(IncidentStore store) {
            this.store = store;
            return this;
        }

        /** @param values windows to declare @return this */
        public Builder silences(List<PlannedSilence> values) {
            silences.addAll(values);
            return this;
        }

        /**
         * @return the props
         * @throws IllegalArgumentException without a store, or with two windows of one name
         */
        public PlannedSilencesProps build() {
            Objects.requireNonNull(store, "PlannedSilencesProps.store is required: the IncidentStore of the pipeline");
            Set<String> names = new HashSet<>();
            for (PlannedSilence silence : silences) {
                if (!names.add(silence.getName())) {
                    throw new IllegalArgumentException("PlannedSilencesProps: two windows are named '" + silence.getName()
                            + "'; give each its own name");
                }
            }
            if (silences.size() > 50) {
                throw new IllegalArgumentException("PlannedSilencesProps: " + silences.size() + " windows; declare at"
                        + " most 50 (remove those that have ended)");
            }
            return new PlannedSilencesProps(this);
        }
    }
}
