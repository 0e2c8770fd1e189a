package io.incidentpipeline.local;

import java.util.concurrent.TimeUnit;

/** Stopping a process the runtime started: by its own handle (its pid), politely first, bounded. */
final class Processes {
    private Processes() {
    }

    /** Sends SIGTERM to {@code process} and, after 5 s, SIGKILL; waits at most 5 s more. */
    static void stop(Process process, String what) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    System.err.println("local: " + what + " (pid " + process.pid() + ") did not stop; kill " + process.pid());
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
