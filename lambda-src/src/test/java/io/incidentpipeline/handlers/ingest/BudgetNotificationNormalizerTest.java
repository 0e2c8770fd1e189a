package io.incidentpipeline.handlers.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a budget notification's threshold, budget and month become the alert and its dedup key. */
class BudgetNotificationNormalizerTest {
    private static final Instant PUBLISHED = Instant.parse("2026-11-25T05:59:00Z");
    private static final String EIGHTY_PERCENT = Fixtures.text("sns/budget-actual-80.txt");

    private final BudgetNotificationNormalizer normalizer = new BudgetNotificationNormalizer();

    @Test
    void shouldKeyTheIncidentByBudgetTypeThresholdAndUtcMonth_whenNormalized() {
        assertThat(normalizer.normalize(EIGHTY_PERCENT, Instant.parse("2026-11-30T23:59:59Z")).dedupKey())
                .isEqualTo("incident-pipeline-dev|ACTUAL|80%|2026-11");
        assertThat(normalizer.normalize(EIGHTY_PERCENT, Instant.parse("2026-12-01T00:00:00Z")).dedupKey())
                .isEqualTo("incident-pipeline-dev|ACTUAL|80%|2026-12");
    }

    @Test
    void shouldReadTheThresholdAsAShareOfTheBudget_whenTheSentenceStatesAPercentage() {
        Alert alert = normalizer.normalize(EIGHTY_PERCENT.replace("greater than $8.00", "greater than 100.00% of $10.00"),
                PUBLISHED);

        assertThat(alert.title()).isEqualTo("Budget incident-pipeline-dev: actual cost above 100% of $10.00");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.dedupKey()).isEqualTo("incident-pipeline-dev|ACTUAL|100%|2026-11");
    }

    @Test
    void shouldStateTheThresholdInDollarsAndRateItMedium_whenTheBudgetedAmountIsMissing() {
        Alert alert = normalizer.normalize(EIGHTY_PERCENT.replace("Budgeted Amount: $10.00\n", "")
                .replace("greater than $8.00", "greater than $12.00"), PUBLISHED);

        assertThat(alert.title()).isEqualTo("Budget incident-pipeline-dev: actual cost above $12.00");
        assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.dedupKey()).isEqualTo("incident-pipeline-dev|ACTUAL|$12.00|2026-11");
    }

    @Test
    void shouldReadAmountsWithThousandsSeparators_whenTheBudgetIsLarge() {
        Alert alert = normalizer.normalize(EIGHTY_PERCENT.replace("$10.00", "$12,500.00")
                .replace("$8.00", "$12,500.00"), PUBLISHED);

        assertThat(alert.title()).isEqualTo("Budget incident-pipeline-dev: actual cost above 100% of $12,500.00");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void shouldReadTheSameAlert_whenAMailRelayWrappedTheSentencesWithCrLf() {
        String wrapped = EIGHTY_PERCENT.replace("associated with your incident-pipeline-dev budget is greater",
                        "associated with your\nincident-pipeline-dev budget is greater")
                .replace("greater than $8.00 for the current", "greater than\n$8.00 for the\ncurrent")
                .replace("this budget is $8.52", "this budget\n  is $8.52")
                .replace("\n", "\r\n");

        Alert alert = normalizer.normalize(wrapped, PUBLISHED);

        assertThat(alert).isEqualTo(normalizer.normalize(EIGHTY_PERCENT, PUBLISHED));
        assertThat(alert.description()).startsWith("The ACTUAL cost of budget incident-pipeline-dev is $8.52, above");
    }
}
