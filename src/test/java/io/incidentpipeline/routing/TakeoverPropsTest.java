package io.incidentpipeline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.incidentpipeline.IncidentPipelineProps;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;

/** The takeover's props fail on values that cannot work, naming the property and the fix. */
class TakeoverPropsTest {
    @Test
    void shouldTakeOverAfterAMinute_whenTakeoverIsOnWithoutABound() {
        IncidentPipelineProps props = IncidentPipelineProps.builder().takeover(true).build();
        assertThat(props.isTakeover()).isTrue();
        assertThat(props.getTakeoverAfter().toSeconds().intValue()).isEqualTo(60);
        assertThat(IncidentPipelineProps.builder().build().isTakeover()).isFalse();
    }

    @Test
    void shouldRefuseABoundWithoutTakeover_orOutOfRange() {
        assertThatThrownBy(() -> IncidentPipelineProps.builder().takeoverAfter(Duration.seconds(90)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncidentPipelineProps.takeoverAfter has no effect without takeover(true)");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().takeover(true).takeoverAfter(Duration.seconds(10)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IncidentPipelineProps.takeoverAfter must be from 30 seconds to 1 hour");
        assertThatThrownBy(() -> IncidentPipelineProps.builder().takeover(true).takeoverAfter(Duration.hours(2)).build())
                .hasMessageContaining("got 2 hours");
    }

    @Test
    void shouldNameTheMissingStoreOrBus_whenTheSweepersPropsAreIncomplete() {
        assertThatThrownBy(() -> DueWorkSweeperProps.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DueWorkSweeperProps.store is required");
    }
}
