package io.incidentpipeline.handlers.http;

import io.incidentpipeline.handlers.common.JsonLog;
import io.incidentpipeline.handlers.store.IncidentConflictException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Calls from an API handler to AWS services, with their transient failures answered as a 503. */
public final class Dependencies {
    private Dependencies() {
    }

    /** Runs a call to AWS, turning a throttled or unreachable service into a 503 the caller retries. */
    public static <T> T unlessUnavailable(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (IncidentConflictException e) {
            throw HttpError.unavailable("The incident changed concurrently.");
        } catch (SdkException e) {
            if (isTransient(e)) {
                JsonLog.warn("dependency unavailable", "exception", e.getClass().getName(),
                        "exceptionMessage", e.getMessage());
                throw HttpError.unavailable(what);
            }
            throw e;
        }
    }

    /** @return whether a retry may succeed: no answer, throttled, or a server-side error */
    public static boolean isTransient(SdkException e) {
        if (e instanceof SdkClientException) {
            return true; // no answer: unreachable, or timed out
        }
        return e instanceof AwsServiceException service && (service.isThrottlingException() || service.statusCode() >= 500);
    }
}
