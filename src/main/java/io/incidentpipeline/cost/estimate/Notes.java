package io.incidentpipeline.cost.estimate;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as the notes print them: no trailing zeros, thousands grouped, dollars with cents. */
final class Notes {
    private Notes() {
    }

    /** @return {@code 0.2}, {@code 1,382,400}, {@code 40} */
    static String n(double value) {
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(BigDecimal.valueOf(value));
    }

    /** @return {@code $0.50}, or {@code $0.0042} below a cent */
    static String usd(double value) {
        return value != 0 && Math.abs(value) < 0.01
                ? String.format(Locale.ROOT, "$%.4f", value)
                : String.format(Locale.ROOT, "$%.2f", value);
    }

    /** @return {@code " (this stack takes 50% of the alerts)"} when the share is not 1, else empty */
    static String share(double alertShare) {
        return alertShare == 1 ? "" : " (this stack takes " + n(alertShare * 100) + "% of the alerts)";
    }
}
