package io.incidentpipeline.cost.estimate;

/**
 * Something that writes to a log group: a function's log lines or a stage's access log.
 *
 * @param description   who writes, for the note (e.g. {@code IngestFunction (ingest) logs})
 * @param bytesPerAlert bytes written per alert, averaged over all alerts of the stage
 * @param bytesPerProbe bytes written per health-check probe
 */
record LogSource(String description, double bytesPerAlert, double bytesPerProbe) {
}
