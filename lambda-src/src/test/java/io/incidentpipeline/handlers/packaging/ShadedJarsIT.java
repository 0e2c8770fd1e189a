package io.incidentpipeline.handlers.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.sun.net.httpserver.HttpServer;
import io.incidentpipeline.handlers.testsupport.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployable jars as Lambda loads them: each alone on a class path (the tests run unshaded, so
 * only this notices a class the shade configuration left out of a jar). For each jar: every handler
 * class it serves loads and initialises; no class of ours refers to a class missing from the jar
 * (jdeps); and every event type its handlers take, and every answer type they return, goes through
 * the Lambda runtime's own serializer ({@code aws-lambda-java-serialization}) with the classes in the jar.
 */
class ShadedJarsIT {
    private static final String EVENTS = "com.amazonaws.services.lambda.runtime.events.";

    static Stream<Arguments> jars() {
        return Stream.of(
                Arguments.of("incident-pipeline-ingest.jar", List.of(
                                "io.incidentpipeline.handlers.ingest.IngestHandler",
                                "io.incidentpipeline.handlers.ingest.SnsAlertHandler",
                                "io.incidentpipeline.handlers.ingest.EventBridgeAlertHandler",
                                "io.incidentpipeline.handlers.operator.OperatorApiHandler"),
                        Map.of(EVENTS + "APIGatewayProxyRequestEvent", "apigw-post-alert.json",
                                EVENTS + "SNSEvent", "sns/lambda-sns-event.json"),
                        List.of(EVENTS + "APIGatewayProxyResponseEvent")),
                Arguments.of("incident-pipeline-events.jar", List.of(
                                "io.incidentpipeline.handlers.publish.StreamPublisher",
                                "io.incidentpipeline.handlers.publish.DueWorkSweeper",
                                "io.incidentpipeline.handlers.health.HealthHandler",
                                "io.incidentpipeline.handlers.playbook.ExamplePlaybookHandler"),
                        Map.of(EVENTS + "APIGatewayProxyRequestEvent", "apigw-get-health.json",
                                EVENTS + "DynamodbEvent", "dynamodb-stream-event.json"),
                        List.of(EVENTS + "APIGatewayProxyResponseEvent", EVENTS + "StreamsEventResponse")),
                Arguments.of("incident-pipeline-remediation.jar", List.of(
                                "io.incidentpipeline.handlers.remediation.BlockPublicBucketPlaybook",
                                "io.incidentpipeline.handlers.remediation.RevokeOpenIngressPlaybook",
                                "io.incidentpipeline.handlers.remediation.DriftDetectionHandler"),
                        Map.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jars")
    void shouldLoadItsHandlersAndReadTheirEvents_fromTheJarAlone(String jar, List<String> handlers,
            Map<String, String> events, List<String> answers) throws Exception {
        // As in Lambda: the runtime's deserializer in a loader of its own, the function's jar in another.
        URL serialization = LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar(jar).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
             URLClassLoader runtime = new URLClassLoader(new URL[] {serialization}, ClassLoader.getPlatformClassLoader())) {
            for (String handler : handlers) {
                assertThat(Class.forName(handler, true, loader).getClassLoader()).as(handler).isSameAs(loader);
            }
            Method serializerFor = runtime.loadClass(LambdaEventSerializers.class.getName())
                    .getMethod("serializerFor", Class.class, ClassLoader.class);
            Method fromJson = runtime.loadClass(PojoSerializer.class.getName()).getMethod("fromJson", String.class);
            for (Map.Entry<String, String> event : events.entrySet()) {
                Class<?> type = Class.forName(event.getKey(), true, loader);
                Object serializer = serializerFor.invoke(null, type, loader);
                Object read = fromJson.invoke(serializer, Fixtures.text(event.getValue()));
                assertThat(read).as(event.getKey()).isInstanceOf(type);
            }
            Method toJson = runtime.loadClass(PojoSerializer.class.getName())
                    .getMethod("toJson", Object.class, OutputStream.class);
            for (String answer : answers) {
                Class<?> type = Class.forName(answer, true, loader);
                ByteArrayOutputStream json = new ByteArrayOutputStream();
                toJson.invoke(serializerFor.invoke(null, type, loader), type.getConstructor().newInstance(), json);
                assertThat(json.size()).as(answer).isPositive();
            }
        }
    }

    /** The service clients each jar's handlers build. */
    private static final Map<String, List<String>> CLIENTS = Map.of(
            "incident-pipeline-ingest.jar", List.of("dynamodb", "secretsmanager"),
            "incident-pipeline-events.jar", List.of("dynamodb", "eventbridge"),
            "incident-pipeline-remediation.jar", List.of("dynamodb", "s3", "cloudformation"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("jars")
    void shouldMakeARealCallWithEachOfItsClients_fromTheJarAlone(String jar, List<String> handlers,
            Map<String, String> events, List<String> answers) throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] error = "{\"__type\":\"ValidationException\",\"message\":\"probe\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
        });
        service.start();
        URL probe = ClientProbe.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar(jar).toUri().toURL(), probe},
                ClassLoader.getPlatformClassLoader())) {
            Method call = loader.loadClass(ClientProbe.class.getName()).getMethod("call", String.class, String.class);
            for (String client : CLIENTS.get(jar)) {
                // A LinkageError (a class the jar lacks) propagates and fails the test; a service error is the answer.
                Object answer = call.invoke(null, client, "http://127.0.0.1:" + service.getAddress().getPort());
                assertThat(answer).as(client).asString().isNotBlank();
            }
        } finally {
            service.stop(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jars")
    void shouldHoldEveryClassOurCodeRefersTo(String jar, List<String> handlers, Map<String, String> events,
            List<String> answers) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "--multi-release", "17",
                jar(jar).toString());

        assertThat(status).as(out.toString()).isZero();
        assertThat(out.toString().lines()
                .filter(line -> line.trim().startsWith("io.incidentpipeline."))
                .filter(line -> line.endsWith("not found")))
                .as("classes of ours referring to classes missing from %s", jar)
                .isEmpty();
    }

    private static Path jar(String name) {
        Path jar = Path.of("target", name);
        assertThat(Files.isRegularFile(jar)).as("%s is built by `mvn package`", jar).isTrue();
        return jar;
    }
}
