package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.common.Names;
import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text notification AWS Budgets publishes to SNS, as an alert of source
 * {@code aws-budgets}. The message reads:
 * <pre>
 * AWS Budget Notification November 25, 2026
 * AWS Account 123456789012
 *
 * Dear AWS Customer,
 *
 * You requested that we alert you when the ACTUAL Cost associated with your NAME budget is greater
 * than $8.00 for the current month. The ACTUAL Cost associated with this budget is $8.52. …
 *
 * Budget Name: NAME
 * Budget Type: Cost
 * Budgeted Amount: $10.00
 * Alert Type: ACTUAL
 * Alert Threshold: &gt; $8.00
 * ACTUAL Amount: $8.52
 * </pre>
 * Mail clients and relays wrap long lines (SES, forwarding rules, a copy pasted into a test), so the
 * sentences are read with every run of whitespace, line breaks included, taken as one space; the
 * {@code Name: value} lines are read line by line.
 *
 * <p>AWS states the threshold in dollars ("greater than $8.00", "… per day" for a daily budget), even
 * for a percentage threshold; its share of the {@code Budgeted Amount} is the percentage. The form
 * "greater than 80.00% of $10.00" is read too.
 *
 * <table>
 *   <caption>Severity</caption>
 *   <tr><th>alert type</th><th>threshold</th><th>severity</th></tr>
 *   <tr><td>ACTUAL</td><td>100% of the budgeted amount or more</td><td>high: the budget is spent</td></tr>
 *   <tr><td>ACTUAL</td><td>under 100%, or the budgeted amount is not in the message</td><td>medium</td></tr>
 *   <tr><td>FORECASTED</td><td>any</td><td>medium: the period is on course to overspend</td></tr>
 * </table>
 * One incident per budget, alert type, threshold and month (UTC, of the SNS timestamp): a repeat of
 * the same notification in the month is a duplicate; next month's opens a new incident.
 */
public final class BudgetNotificationNormalizer {
    /** The source id of budget alerts. */
    public static final String SOURCE = "aws-budgets";

    private static final String AMOUNT = "([0-9][0-9,]*(?:\\.[0-9]+)?)";
    private static final Pattern SENTENCE = Pattern.compile("alert you when the (ACTUAL|FORECASTED) Cost associated"
            + " with your (.+?) budget is greater than (?:" + AMOUNT + "% of \\$" + AMOUNT + "|\\$" + AMOUNT + ")"
            + "(?: (for the current \\w+|per \\w+))?");
    private static final Pattern BUDGET_NAME = Pattern.compile("(?m)^Budget Name: *(.+?) *$");
    private static final Pattern BUDGETED = Pattern.compile("(?m)^Budgeted Amount: *\\$" + AMOUNT);
    private static final Pattern CURRENT = Pattern.compile("The (?:ACTUAL|FORECASTED) Cost associated with this budget"
            + " is \\$" + AMOUNT);
    private static final Pattern ACCOUNT = Pattern.compile("(?m)^AWS Account *([0-9]{12})\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withZone(ZoneOffset.UTC);

    /** @return whether {@code message} is a budget notification (its first line says so) */
    public boolean recognises(String message) {
        return message.startsWith("AWS Budget Notification");
    }

    /**
     * @param message   the SNS message text
     * @param published when SNS published it, which decides the month
     * @throws RejectedNotificationException when the text does not say which cost budget and threshold
     */
    public Alert normalize(String message, Instant published) {
        String unwrapped = WHITESPACE.matcher(message).replaceAll(" ");
        Matcher sentence = SENTENCE.matcher(unwrapped);
        if (!sentence.find()) {
            throw new RejectedNotificationException("malformed_budget_notification", "The budget notification has no"
                    + " sentence 'You requested that we alert you when the ACTUAL|FORECASTED Cost associated with"
                    + " your <name> budget is greater than $<threshold>'; only cost budgets are supported.");
        }
        String type = sentence.group(1);
        String name = find(BUDGET_NAME, message).orElse(sentence.group(2)).strip();
        Threshold threshold = sentence.group(3) != null
                ? Threshold.ofPercent(amount(sentence.group(3)), amount(sentence.group(4)))
                : new Threshold(amount(sentence.group(5)), find(BUDGETED, message).map(BudgetNotificationNormalizer::amount));
        boolean spent = type.equals("ACTUAL") && threshold.reachesBudget();
        String period = sentence.group(6) != null ? " " + sentence.group(6) : "";
        String current = find(CURRENT, unwrapped).map(amount -> " is $" + amount + ",").orElse(" is");

        String title = "Budget " + name + ": " + type.toLowerCase(Locale.ROOT) + " cost above " + threshold.describe();
        String description = "The " + type + " cost of budget " + name + current + " above its alert threshold of $"
                + dollars(threshold.amount()) + threshold.budgetShare() + period + ".";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("budget", Names.truncate(name, 256));
        labels.put("alertType", type);
        find(ACCOUNT, message).ifPresent(account -> labels.put("account", account));
        return new Alert(SOURCE, spent ? Severity.HIGH : Severity.MEDIUM, Names.truncate(title, 256),
                Names.truncate(description, GenericAlertNormalizer.MAX_DESCRIPTION), Names.of(name), "cost",
                String.join("|", name, type, threshold.key(), MONTH.format(published)), labels, published);
    }

    /**
     * An alert threshold in dollars, and the budgeted amount it is a share of when known.
     *
     * @param amount   the threshold, in dollars
     * @param budgeted the budgeted amount, in dollars
     */
    private record Threshold(BigDecimal amount, Optional<BigDecimal> budgeted) {
        static Threshold ofPercent(BigDecimal percent, BigDecimal budgeted) {
            return new Threshold(budgeted.multiply(percent).divide(HUNDRED), Optional.of(budgeted));
        }

        /** @return the threshold as a percentage of a positive budgeted amount, two decimals at most */
        Optional<BigDecimal> percent() {
            return budgeted.filter(b -> b.signum() > 0)
                    .map(b -> amount.multiply(HUNDRED).divide(b, 2, RoundingMode.HALF_UP).stripTrailingZeros());
        }

        boolean reachesBudget() {
            return budgeted.map(b -> amount.compareTo(b) >= 0).orElse(false);
        }

        /** @return e.g. {@code 80% of $10.00}, or {@code $8.00} when the budgeted amount is unknown */
        String describe() {
            return percent().map(p -> p.toPlainString() + "% of $" + dollars(budgeted.orElseThrow()))
                    .orElse("$" + dollars(amount));
        }

        /** @return e.g. {@code  (80% of the budgeted $10.00)}, or nothing */
        String budgetShare() {
            return percent().map(p -> " (" + p.toPlainString() + "% of the budgeted $" + dollars(budgeted.orElseThrow())
                    + ")").orElse("");
        }

        /** @return what identifies the threshold in the dedup key: its percentage, else its dollars */
        String key() {
            return percent().map(p -> p.toPlainString() + "%").orElse("$" + dollars(amount));
        }
    }

    private static BigDecimal amount(String text) {
        return new BigDecimal(text.replace(",", ""));
    }

    private static String dollars(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
