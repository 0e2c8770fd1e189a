package io.incidentpipeline.handlers.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.incidentpipeline.handlers.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON answers of the API's handlers: never cached, errors in one shape (docs/CONTRACTS.md). */
public final class ApiResponses {
    private ApiResponses() {
    }

    /** @return {@code body} as JSON with {@code status} */
    public static APIGatewayProxyResponseEvent json(int status, Map<String, Object> body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(headers).withBody(Json.write(body));
    }

    /** @return the error's {@code {"error", "message"}} body, with {@code Retry-After} when it has one */
    public static APIGatewayProxyResponseEvent error(HttpError error) {
        APIGatewayProxyResponseEvent response = json(error.status(), error.body());
        error.retryAfterSeconds().ifPresent(seconds -> response.getHeaders().put("Retry-After", seconds.toString()));
        return response;
    }
}
