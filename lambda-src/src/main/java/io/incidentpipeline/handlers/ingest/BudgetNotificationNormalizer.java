package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.store.Alert;
import io.incidentpipeline.handlers.store.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text notification AWS Budgets publishes to SNS ("AWS Budget Notification … You
 * requested that we alert you when the ACTUAL Cost associated with your NAME budget is greater
 * than 80.00% of $10.00 …", followed by "Budget Name:", "Alert Type:" … lines) as an alert of source
 * {@code aws-budgets}.
 *
 * <table>
 *   <caption>Severity</caption>
 *   <tr><th>alert type</th><th>threshold</th><th>severity</th></tr>
 *   <tr><td>ACTUAL</td><td>100% or more</td><td>high: the budget is spent</td></tr>
 *   <tr><td>ACTUAL</td><td>under 100%</td><td>medium</td></tr>
 *   <tr><td>FORECASTED</td><td>any</td><td>medium: the month is on course to overspend</td></tr>
 * </table>
 * One incident per budget, alert type, threshold and month: a repeat of the same notification is
 * a duplicate; next month's opens a new incident.
 */
public final class BudgetNotificationNormalizer {
    /** The source id of budget alerts. */
    public static final String SOURCE = "aws-budgets";

    private static final Pattern SENTENCE = Pattern.compile("alert you when the (ACTUAL|FORECASTED) Cost associated"
            + " with your (.+?) budget is greater than ([0-9]+(?:\\.[0-9]+)?)% of \\$([0-9,]+(?:\\.[0-9]+)?)");
    private static final Pattern BUDGET_NAME = Pattern.compile("(?m)^Budget Name: *(.+?) *$");
    private static final Pattern CURRENT = Pattern.compile("The (?:ACTUAL|FORECASTED) Cost associated with this budget"
            + " is \\$([0-9,]+(?:\\.[0-9]+)?)");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    /** @return whether {@code message} looks like a budget notification */
    public boolean recognises(String message) {
        return message.startsWith("AWS Budget Notification");
    }

    /**
     * @param message  the SNS message text
     * @param received when SNS published it, which decides the month
     * @throws RejectedNotificationException when the text does not say which budget and threshold
     */
    public Alert normalize(String message, Instant received) {
        Matcher sentence = SENTENCE.matcher(message);
        if (!sentence.find()) {
            throw new RejectedNotificationException("malformed_budget_notification", "The budget notification does not"
                    + " contain the sentence 'You requested that we alert you when the ACTUAL|FORECASTED Cost associated"
                    + " with your <name> budget is greater than <n>% of $<amount>'.");
        }
        String type = sentence.group(1);
        String name = find(BUDGET_NAME, message).orElse(sentence.group(2));
        double percent = Double.parseDouble(sentence.group(3));
        String budgeted = sentence.group(4);
        String current = find(CURRENT, message).map(amount -> "; now $" + amount).orElse("");
        Severity severity = type.equals("ACTUAL") && percent >= 100 ? Severity.HIGH : Severity.MEDIUM;
        String threshold = (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
        String title = "Budget " + name + ": " + type.toLowerCase() + " cost above " + threshold + " of $" + budgeted;
        return new Alert(SOURCE, severity, Names.truncate(title, 256),
                type + " cost of budget " + name + " is above " + threshold + " of $" + budgeted + current + ".",
                Names.of(name), "cost",
                String.join("|", name, type, threshold, MONTH.format(received)),
                Map.of("budget", Names.truncate(name, 256), "alertType", type));
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
