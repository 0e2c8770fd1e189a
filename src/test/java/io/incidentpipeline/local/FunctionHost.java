package io.incidentpipeline.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The Java runtime of one local function, run in its own JVM with the function's deployable jar on
 * the class path: a client of the Lambda Runtime API ({@code AWS_LAMBDA_RUNTIME_API}, served by
 * {@link LocalFunction}) that loads {@code _HANDLER} ({@code class::method}) once, then reads each
 * event with the Lambda Java runtime's own deserializer ({@code aws-lambda-java-serialization}), as a
 * deployed {@code RequestHandler} receives it, and posts the answer or the error back.
 *
 * <p>Only the JDK, the function's jar and the serializer are on its class path, so a class the
 * deployable jar lacks fails here as it would in Lambda.
 */
public final class FunctionHost {
    private static final String API = "/2018-06-01/runtime/";

    private FunctionHost() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + API;
        HttpClient http = HttpClient.newHttpClient();
        Invoker invoker;
        try {
            invoker = Invoker.load(System.getenv("_HANDLER"));
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            post(http, api + "init/error", error(cause));
            System.exit(1);
            return;
        }
        while (true) {
            HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create(api + "invocation/next")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            long deadline = next.headers().firstValue("Lambda-Runtime-Deadline-Ms").map(Long::parseLong).orElse(Long.MAX_VALUE);
            String arn = next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElse("");
            try {
                byte[] answer = invoker.invoke(next.body(), new LocalContext(requestId, deadline, arn));
                post(http, api + "invocation/" + requestId + "/response", answer);
            } catch (Throwable e) {
                Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
                System.err.println("ERROR " + cause);
                post(http, api + "invocation/" + requestId + "/error", error(cause));
            }
        }
    }

    private static void post(HttpClient http, String url, byte[] body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** @return the error document Lambda returns: errorMessage, errorType, stackTrace */
    private static byte[] error(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        Map<String, Object> error = Map.of(
                "errorMessage", String.valueOf(e.getMessage()),
                "errorType", e.getClass().getName(),
                "stackTrace", Arrays.stream(e.getStackTrace()).limit(20).map(String::valueOf).toList());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer((java.lang.reflect.Type) Map.class).toJson(error, out);
        return out.toByteArray();
    }

    /** The handler, loaded once, and how its input and output are read and written. */
    private record Invoker(Object handler, Method method, PojoSerializer<Object> input, PojoSerializer<Object> output) {
        static Invoker load(String handlerName) throws Exception {
            String[] parts = handlerName.split("::", 2);
            Class<?> type = Class.forName(parts[0]);
            Object handler = type.getDeclaredConstructor().newInstance();
            if (handler instanceof RequestStreamHandler) {
                return new Invoker(handler, null, null, null);
            }
            if (!(handler instanceof RequestHandler)) {
                throw new IllegalStateException(parts[0] + " implements neither RequestHandler nor RequestStreamHandler");
            }
            String name = parts.length > 1 ? parts[1] : "handleRequest";
            Method method = Arrays.stream(type.getMethods())
                    .filter(m -> m.getName().equals(name) && m.getParameterCount() == 2 && !m.isBridge()
                            && m.getParameterTypes()[1] == Context.class)
                    .findFirst()
                    .orElseThrow(() -> new NoSuchMethodException(parts[0] + "::" + name + "(input, Context)"));
            return new Invoker(handler, method, serializer(method.getParameterTypes()[0]), serializer(method.getReturnType()));
        }

        @SuppressWarnings("unchecked")
        private static PojoSerializer<Object> serializer(Class<?> type) {
            ClassLoader loader = FunctionHost.class.getClassLoader();
            return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                    ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader)
                    : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
        }

        byte[] invoke(byte[] event, Context context) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (method == null) {
                ((RequestStreamHandler) handler).handleRequest(new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            Object answer = method.invoke(handler, input.fromJson(new ByteArrayInputStream(event)), context);
            if (answer != null) {
                output.toJson(answer, out);
            }
            return out.size() == 0 ? "null".getBytes(StandardCharsets.UTF_8) : out.toByteArray();
        }
    }

    /** The invocation's context, as the Java runtime fills it. */
    private record LocalContext(String requestId, long deadline, String arn) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return arn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadline - System.currentTimeMillis()));
        }

        @Override
        public int getMemoryLimitInMB() {
            return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
