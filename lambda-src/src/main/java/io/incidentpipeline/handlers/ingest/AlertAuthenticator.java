package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import java.util.List;
import java.util.Map;

/** Checks that a request comes from the holder of its source's secret, the way that source can sign. */
public interface AlertAuthenticator {
    /**
     * @param secrets the source's accepted secrets (signing keys or tokens), the current one first;
     *                after a rotation, the previous one follows for its grace window
     * @param headers the request headers, case-insensitive
     * @param body    the raw body bytes
     * @return the index in {@code secrets} of the one that authenticated the request: 0 for the current one
     * @throws HttpError 401 naming what is missing or wrong and how to fix it
     */
    int verify(List<String> secrets, Map<String, String> headers, byte[] body);
}
