package io.incidentpipeline.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One readable line per hop an alert takes (api, stream, bus, rule, invoke, sns, queue, timeline),
 * printed as it happens and kept, so a test that fails can show the path its alert took.
 */
public final class HopLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private volatile long lastHop = System.nanoTime();

    /** @param out where lines are printed as they happen */
    public HopLog(PrintStream out) {
        this.out = out;
    }

    /** Records one hop: {@code hop} is its kind, {@code message} what happened. */
    public void hop(String hop, String message) {
        String line = LocalTime.now().format(TIME) + "  " + String.format("%-8s", hop) + " " + message;
        lines.add(line);
        lastHop = System.nanoTime();
        out.println(line);
    }

    /** @return how long ago the last hop happened */
    public long millisSinceLastHop() {
        return (System.nanoTime() - lastHop) / 1_000_000;
    }

    /** @return every line so far */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** @return the last {@code count} lines, one per line */
    public String tail(int count) {
        return tail(count, line -> true);
    }

    /** @return the last {@code count} lines that {@code keep} accepts, one per line */
    public String tail(int count, Predicate<String> keep) {
        List<String> all = lines().stream().filter(keep).toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }

    static String shorten(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }
}
