package io.incidentpipeline.handlers.testsupport;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events read from JSON by the Lambda Java runtime's own event deserializer
 * ({@code aws-lambda-java-serialization}), as a deployed {@code RequestHandler} receives them. It
 * needs what the deployed jar must hold (Joda-Time for every event type, see the pom), which a
 * handler test that builds events with setters would never notice.
 */
public final class LambdaEvents {
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaEvents() {
    }

    /** @return {@code json} read as the runtime reads an event of {@code type} */
    @SuppressWarnings("unchecked")
    public static <T> T read(Class<T> type, String json) {
        PojoSerializer<T> serializer = (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type,
                t -> LambdaEventSerializers.serializerFor(t, LambdaEvents.class.getClassLoader()));
        return serializer.fromJson(json);
    }

    /** @return the fixture {@code events/<name>} read as the runtime reads an event of {@code type} */
    public static <T> T fixture(Class<T> type, String name) {
        return read(type, Fixtures.text(name));
    }
}
