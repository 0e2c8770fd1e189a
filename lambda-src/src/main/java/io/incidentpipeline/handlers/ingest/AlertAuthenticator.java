package io.incidentpipeline.handlers.ingest;

import io.incidentpipeline.handlers.http.HttpError;
import java.util.Map;

/** Checks that a request comes from the holder of its source's secret, the way that source can sign. */
public interface AlertAuthenticator {
    /**
     * @param secret  the source's secret (signing key or token)
     * @param headers the request headers, case-insensitive
     * @param body    the raw body bytes
     * @throws HttpError 401 naming what is missing or wrong and how to fix it
     */
    void verify(String secret, Map<String, String> headers, byte[] body);
}
