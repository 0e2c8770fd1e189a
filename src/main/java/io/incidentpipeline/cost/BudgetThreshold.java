package io.incidentpipeline.cost;

/**
 * A point at which a budget notifies: a percentage of the monthly limit, reached by actual spend
 * or by AWS's forecast of the month's spend.
 */
public final class BudgetThreshold {
    private final double percent;
    private final boolean forecast;

    private BudgetThreshold(double percent, boolean forecast) {
        if (percent <= 0 || percent > 1000) {
            throw new IllegalArgumentException("A budget threshold must be more than 0% and at most 1000% of the limit,"
                    + " got " + percent + "%");
        }
        this.percent = percent;
        this.forecast = forecast;
    }

    /**
     * @param percent the share of the monthly budget, e.g. {@code 80}
     * @return a threshold on what has been spent so far this month
     */
    public static BudgetThreshold actual(double percent) {
        return new BudgetThreshold(percent, false);
    }

    /**
     * @param percent the share of the monthly budget, e.g. {@code 100}
     * @return a threshold on what AWS forecasts the month will cost: the early warning
     */
    public static BudgetThreshold forecasted(double percent) {
        return new BudgetThreshold(percent, true);
    }

    /** @return the percentage of the limit */
    public double getPercent() {
        return percent;
    }

    /** @return {@code FORECASTED} or {@code ACTUAL}, as AWS Budgets names them */
    public String getNotificationType() {
        return forecast ? "FORECASTED" : "ACTUAL";
    }
}
