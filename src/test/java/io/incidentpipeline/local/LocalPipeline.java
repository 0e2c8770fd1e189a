package io.incidentpipeline.local;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentpipeline.cost.estimate.TemplateResource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import software.amazon.event.ruler.Machine;

/**
 * The synthesized app running on this machine: reads one stack of a cloud assembly ({@code cdk.out})
 * and, with moto as the AWS engine, creates its tables (with streams), secrets, event buses, queues
 * and topics, runs each of its Lambda functions from its deployable jar with its own environment,
 * serves its REST API on loopback, and does what AWS does between them: the table stream to its event
 * source mapping, each bus's events to its rules' targets (patterns matched with AWS's Event Ruler),
 * topics to their function subscriptions, failures to dead-letter queues and failure destinations.
 *
 * <p>Nothing here names a resource of this project: everything comes from the template, so a
 * construct added to the app runs locally as it is.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAP = "local-tap";
    private static final long QUIET_MILLIS = 1500;

    /**
     * How to run it.
     *
     * @param workDir where moto's and each function's logs go
     * @param apiPort the API's port (0: a free one)
     * @param log     the hop log
     * @param warm    whether every function's JVM starts at launch (as with provisioned concurrency)
     *                rather than at its first invocation (a cold start, as on demand)
     * @param timeoutFactor what each function's timeout is multiplied by: 1 is the template's; a
     *                shared CI machine may need more than Lambda's dedicated CPU does
     */
    public record Options(Path workDir, int apiPort, HopLog log, boolean warm, int timeoutFactor) {
    }

    private final CloudAssembly.Stack stack;
    private final Options options;
    private final HopLog log;
    private final Moto moto;
    private final Intrinsics intrinsics;
    private final Destinations destinations;
    private final AsyncInvoker async;
    private final Map<String, TemplateResource> resources = new LinkedHashMap<>();
    private final Map<String, LocalFunction> functionsByName = new LinkedHashMap<>();
    private final Map<String, AsyncInvoker.Config> asyncConfigs = new ConcurrentHashMap<>();
    private final Map<String, String> secretValues = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> busEvents = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> notifications = new ConcurrentHashMap<>();
    private final List<ApiGatewayServer> apis = new ArrayList<>();
    private final List<StreamMapping> mappings = new ArrayList<>();
    private final List<QueueTap> taps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private ExecutorService warming;

    private LocalPipeline(CloudAssembly.Stack stack, Options options, Moto moto) {
        this.stack = stack;
        this.options = options;
        this.log = options.log();
        this.moto = moto;
        this.intrinsics = new Intrinsics(stack.name(), stack.region());
        this.destinations = new Destinations(moto, log);
        this.async = new AsyncInvoker(destinations, log);
        stack.template().resources().forEach(r -> resources.put(r.logicalId(), r));
    }

    /**
     * Starts the pipeline of the assembly's stack {@code stackName} (or its only stack when null).
     *
     * @throws LocalRuntimeException when moto is missing, the assembly is unreadable, or a resource
     *                               cannot be created; everything started so far is stopped
     */
    public static LocalPipeline start(Path assemblyDirectory, String stackName, Options options) {
        CloudAssembly assembly = CloudAssembly.read(assemblyDirectory);
        CloudAssembly.Stack stack = pick(assembly, stackName);
        try {
            Files.createDirectories(options.workDir());
            // Each run's logs start empty.
            try (var logs = Files.newDirectoryStream(options.workDir(), "*.log")) {
                for (Path log : logs) {
                    Files.delete(log);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Moto moto = Moto.start(stack.region(), options.workDir().resolve("moto.log"));
        LocalPipeline pipeline = new LocalPipeline(stack, options, moto);
        try {
            pipeline.create();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private static CloudAssembly.Stack pick(CloudAssembly assembly, String stackName) {
        List<CloudAssembly.Stack> withFunctions = assembly.stacks().stream()
                .filter(s -> stackName == null ? s.template().resources().stream().anyMatch(r -> r.type().equals("AWS::Lambda::Function"))
                        : s.name().equals(stackName))
                .toList();
        if (withFunctions.size() != 1) {
            throw new LocalRuntimeException("the cloud assembly in " + assembly.directory() + " has "
                    + (stackName == null ? withFunctions.size() + " stacks with functions" : "no stack " + stackName)
                    + " (stacks: " + assembly.stacks().stream().map(CloudAssembly.Stack::name).toList()
                    + "); the local runtime runs one region's stack: synthesize a single-region stage or name the stack.");
        }
        return withFunctions.get(0);
    }

    // ---- creation, in dependency order: data first, then functions, then what connects them ----

    private void create() {
        log.hop("start", "stack " + stack.name() + " (" + stack.region() + ") from " + stack.template().stackName()
                + ".template.json, moto pid " + moto.pid() + " on " + moto.endpoint());
        each("AWS::SecretsManager::Secret", this::createSecret);
        each("AWS::DynamoDB::GlobalTable", this::createTable);
        each("AWS::DynamoDB::Table", this::createTable);
        each("AWS::SQS::Queue", this::createQueue);
        each("AWS::SNS::Topic", this::createTopic);
        each("AWS::Events::EventBus", this::createBus);
        each("AWS::S3::Bucket", this::createBucket);
        placeholders();
        each("AWS::Lambda::Function", this::createFunction);
        each("AWS::Lambda::Version", r -> {
            String function = functionArn(intrinsics.text(r.property("FunctionName")));
            intrinsics.ref(r.logicalId(), function + ":1");
            intrinsics.attribute(r.logicalId(), "Version", "1");
        });
        each("AWS::Lambda::Alias", r -> {
            String function = functionArn(intrinsics.text(r.property("FunctionName")));
            intrinsics.ref(r.logicalId(), function + ":" + intrinsics.text(r.property("Name")));
        });
        each("AWS::Events::Rule", r -> {
            String name = r.text("Name").orElse(physicalName(r.logicalId(), 64));
            String bus = r.property("EventBusName").isMissingNode() ? "default" : intrinsics.text(r.property("EventBusName"));
            intrinsics.ref(r.logicalId(), name);
            intrinsics.attribute(r.logicalId(), "Arn", arn("events", "rule/" + (bus.equals("default") ? "" : bus + "/") + name));
        });
        each("AWS::Lambda::EventInvokeConfig", this::readInvokeConfig);
        each("AWS::SQS::Queue", this::applyRedrivePolicy);
        each("AWS::SNS::Subscription", this::subscribe);
        tapTopics();
        routeBuses();
        each("AWS::Lambda::EventSourceMapping", this::mapStream);
        each("AWS::ApiGateway::RestApi", this::serveApi);
        if (options.warm()) {
            warmFunctions();
        }
        resources.values().stream().filter(r -> r.type().equals("AWS::Scheduler::Schedule"))
                .forEach(r -> log.hop("skip", r.logicalId() + " (" + r.type() + "): schedules do not fire locally; invoke its target by hand"));
    }

    private void each(String type, Consumer<TemplateResource> action) {
        resources.values().stream().filter(r -> r.type().equals(type)).forEach(r -> {
            try {
                action.accept(r);
            } catch (LocalRuntimeException e) {
                throw new LocalRuntimeException(r.logicalId() + " (" + type + "): " + e.getMessage(), e);
            }
        });
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + stack.region() + ":" + Moto.ACCOUNT + ":" + resource;
    }

    /** @return the name CloudFormation would generate, without its random suffix, within {@code max} characters */
    private String physicalName(String logicalId, int max) {
        String name = stack.name() + "-" + logicalId;
        return name.length() <= max ? name : stack.name().substring(0, Math.max(0, max - logicalId.length() - 1)) + "-"
                + logicalId.substring(Math.max(0, logicalId.length() - max + 1));
    }

    private void createSecret(TemplateResource r) {
        String name = r.text("Name").orElse(physicalName(r.logicalId(), 256));
        String value;
        if (r.property("SecretString").isTextual()) {
            value = r.property("SecretString").asText();
        } else {
            JsonNode generate = r.property("GenerateSecretString");
            String password = password(generate.path("PasswordLength").asInt(32), generate.path("ExcludePunctuation").asBoolean(false));
            if (generate.has("SecretStringTemplate")) {
                ObjectNode template = (ObjectNode) AsyncInvoker.parse(generate.path("SecretStringTemplate").asText());
                template.put(generate.path("GenerateStringKey").asText("password"), password);
                value = template.toString();
            } else {
                value = password;
            }
        }
        JsonNode created = moto.json("secretsmanager", "secretsmanager.CreateSecret", Moto.object().put("Name", name).put("SecretString", value));
        String arn = created.path("ARN").asText();
        intrinsics.ref(r.logicalId(), arn);
        intrinsics.attribute(r.logicalId(), "Id", arn);
        secretValues.put(r.logicalId(), value);
    }

    private static String password(int length, boolean lettersAndDigitsOnly) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + (lettersAndDigitsOnly ? "" : "!#$%&()*+,-.:;<=>?@[]^_{|}~");
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private void createTable(TemplateResource r) {
        String name = r.text("TableName").orElse(physicalName(r.logicalId(), 255));
        ObjectNode request = Moto.object().put("TableName", name).put("BillingMode", "PAY_PER_REQUEST");
        request.set("AttributeDefinitions", r.property("AttributeDefinitions"));
        request.set("KeySchema", r.property("KeySchema"));
        if (r.property("GlobalSecondaryIndexes").isArray()) {
            ArrayNode indexes = request.putArray("GlobalSecondaryIndexes");
            for (JsonNode index : r.property("GlobalSecondaryIndexes")) {
                indexes.add(Moto.object().put("IndexName", index.path("IndexName").asText())
                        .<ObjectNode>set("KeySchema", index.path("KeySchema")).set("Projection", index.path("Projection")));
            }
        }
        JsonNode stream = r.property("StreamSpecification");
        if (stream.has("StreamViewType")) {
            request.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", stream.path("StreamViewType").asText());
        }
        JsonNode description = moto.json("dynamodb", "DynamoDB_20120810.CreateTable", request).path("TableDescription");
        intrinsics.ref(r.logicalId(), name);
        intrinsics.attribute(r.logicalId(), "Arn", description.path("TableArn").asText());
        if (description.has("LatestStreamArn")) {
            intrinsics.attribute(r.logicalId(), "StreamArn", description.path("LatestStreamArn").asText());
        }
        JsonNode ttl = r.property("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            moto.json("dynamodb", "DynamoDB_20120810.UpdateTimeToLive", Moto.object().put("TableName", name)
                    .set("TimeToLiveSpecification", Moto.object().put("Enabled", true).put("AttributeName", ttl.path("AttributeName").asText())));
        }
        log.hop("create", "table " + name + (description.has("LatestStreamArn") ? " with stream" : ""));
    }

    private void createQueue(TemplateResource r) {
        boolean fifo = r.isTrue("FifoQueue");
        String name = r.text("QueueName").orElse(physicalName(r.logicalId(), fifo ? 75 : 80) + (fifo ? ".fifo" : ""));
        ObjectNode request = Moto.object().put("QueueName", name);
        if (fifo) {
            request.putObject("Attributes").put("FifoQueue", "true");
        }
        String url = moto.json("sqs", "AmazonSQS.CreateQueue", request).path("QueueUrl").asText();
        String arn = arn("sqs", name);
        intrinsics.ref(r.logicalId(), url);
        intrinsics.attribute(r.logicalId(), "Arn", arn);
        intrinsics.attribute(r.logicalId(), "QueueName", name);
        intrinsics.attribute(r.logicalId(), "QueueUrl", url);
        destinations.queue(arn, url, r.logicalId());
    }

    private void applyRedrivePolicy(TemplateResource r) {
        if (r.property("RedrivePolicy").isObject()) {
            JsonNode policy = intrinsics.resolve(r.property("RedrivePolicy"));
            ObjectNode request = Moto.object().put("QueueUrl", intrinsics.text(JSON.createObjectNode().put("Ref", r.logicalId())));
            request.putObject("Attributes").put("RedrivePolicy", policy.toString());
            moto.json("sqs", "AmazonSQS.SetQueueAttributes", request);
        }
    }

    private void createTopic(TemplateResource r) {
        String name = r.text("TopicName").orElse(physicalName(r.logicalId(), 256));
        String arn = Moto.xmlText(moto.query("sns", "CreateTopic", "2010-03-31", Map.of("Name", name)), "TopicArn");
        intrinsics.ref(r.logicalId(), arn);
        intrinsics.attribute(r.logicalId(), "TopicArn", arn);
        intrinsics.attribute(r.logicalId(), "TopicName", name);
        destinations.topic(arn, r.logicalId());
    }

    private void createBus(TemplateResource r) {
        String name = intrinsics.text(r.property("Name"));
        JsonNode created = moto.json("events", "AWSEvents.CreateEventBus", Moto.object().put("Name", name));
        intrinsics.ref(r.logicalId(), name);
        intrinsics.attribute(r.logicalId(), "Name", name);
        intrinsics.attribute(r.logicalId(), "Arn", created.path("EventBusArn").asText(arn("events", "event-bus/" + name)));
    }

    private void createBucket(TemplateResource r) {
        String name = r.text("BucketName").orElse(physicalName(r.logicalId(), 63).toLowerCase());
        moto.rest("s3", "PUT", "/" + name, null);
        intrinsics.ref(r.logicalId(), name);
        intrinsics.attribute(r.logicalId(), "Arn", "arn:aws:s3:::" + name);
    }

    /** Resources the runtime does not create still get a value for Ref and the usual attributes, so references resolve. */
    private void placeholders() {
        List<String> created = List.of("AWS::SecretsManager::Secret", "AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table",
                "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Events::EventBus", "AWS::S3::Bucket");
        resources.values().stream().filter(r -> !created.contains(r.type())).forEach(r -> {
            intrinsics.ref(r.logicalId(), r.logicalId());
            intrinsics.attribute(r.logicalId(), "Arn", arn(r.type().split("::")[1].toLowerCase(), r.logicalId()));
        });
        each("AWS::ApiGateway::RestApi", r -> intrinsics.attribute(r.logicalId(), "RootResourceId", r.logicalId() + "-root"));
        each("AWS::ApiGateway::Stage", r -> intrinsics.ref(r.logicalId(), r.text("StageName").orElse(r.logicalId())));
    }

    // ---- functions ----

    private void createFunction(TemplateResource r) {
        String name = r.text("FunctionName").orElse(physicalName(r.logicalId(), 64));
        String arn = arn("lambda", "function:" + name);
        intrinsics.ref(r.logicalId(), name);
        intrinsics.attribute(r.logicalId(), "Arn", arn);
        String runtime = r.text("Runtime").orElse("");
        if (!runtime.startsWith("java")) {
            log.hop("skip", r.logicalId() + ": runtime '" + runtime + "' is not run locally (Java functions only)");
            return;
        }
        Path jar = stack.asset(intrinsics.text(r.property("Code", "S3Key")));
        Map<String, String> environment = new LinkedHashMap<>();
        r.property("Environment", "Variables").properties().forEach(e -> environment.put(e.getKey(), intrinsics.text(e.getValue())));
        int memory = r.number("MemorySize").isPresent() ? (int) r.number("MemorySize").getAsDouble() : 128;
        int timeout = (r.number("Timeout").isPresent() ? (int) r.number("Timeout").getAsDouble() : 3) * options.timeoutFactor();
        // What Lambda sets, with the SDK pointed at moto (the SDK reads AWS_ENDPOINT_URL) and moto's dummy credentials.
        environment.putAll(Map.of("AWS_REGION", stack.region(), "AWS_DEFAULT_REGION", stack.region(),
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_ENDPOINT_URL", moto.endpoint().toString(),
                "AWS_LAMBDA_FUNCTION_NAME", name, "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory), "TZ", ":UTC", "LANG", "en_US.UTF-8"));
        JsonNode dlq = r.property("DeadLetterConfig", "TargetArn");
        if (!dlq.isMissingNode()) {
            asyncConfigs.put(name, new AsyncInvoker.Config(2, null, null, intrinsics.text(dlq)));
        }
        LocalFunction function = new LocalFunction(new LocalFunction.FunctionSpec(r.logicalId(), name, arn,
                r.text("Handler").orElseThrow(() -> new LocalRuntimeException("no Handler")), jar, environment, timeout, memory),
                hostClassPath(), options.workDir().resolve(r.logicalId() + ".log"));
        functionsByName.put(name, function);
    }

    /**
     * Starts every function's JVM in the background, as many at a time as there are cores (more only
     * slow each other down), so that the first alert meets warm functions.
     */
    private void warmFunctions() {
        ExecutorService warming = Executors.newFixedThreadPool(
                Runtime.getRuntime().availableProcessors(), LocalFunction.daemon("warm"));
        for (LocalFunction function : functionsByName.values()) {
            warming.execute(() -> {
                long start = System.nanoTime();
                Optional<LocalFunction.Result> error = function.warm();
                log.hop("warm", function.spec().logicalId() + (error.isEmpty()
                        ? " ready, pid " + function.pid() + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)"
                        : " did not initialize: " + AsyncInvoker.errorMessage(error.get().payload())));
            });
        }
        warming.shutdown();
        this.warming = warming;
    }

    /** @return the class path the function JVMs add to the function's jar: the Lambda event serializer and {@link FunctionHost} */
    private static String hostClassPath() {
        return location(LambdaEventSerializers.class) + File.pathSeparator + location(FunctionHost.class);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private String functionArn(String nameOrArn) {
        return function(nameOrArn).map(f -> f.spec().arn()).orElse(nameOrArn.startsWith("arn:") ? nameOrArn : arn("lambda", "function:" + nameOrArn));
    }

    /** @return the function a name, name:qualifier, ARN or qualified ARN refers to */
    private Optional<LocalFunction> function(String reference) {
        String name = reference;
        if (reference.startsWith("arn:")) {
            String[] parts = reference.split(":");
            name = parts.length > 6 ? parts[6] : reference;
        } else if (reference.contains(":")) {
            name = reference.substring(0, reference.indexOf(':'));
        }
        return Optional.ofNullable(functionsByName.get(name));
    }

    private void readInvokeConfig(TemplateResource r) {
        String name = intrinsics.text(r.property("FunctionName"));
        JsonNode onFailure = r.property("DestinationConfig", "OnFailure", "Destination");
        JsonNode onSuccess = r.property("DestinationConfig", "OnSuccess", "Destination");
        AsyncInvoker.Config previous = asyncConfigs.getOrDefault(name, AsyncInvoker.Config.DEFAULT);
        asyncConfigs.put(name, new AsyncInvoker.Config(
                r.number("MaximumRetryAttempts").isPresent() ? (int) r.number("MaximumRetryAttempts").getAsDouble() : 2,
                onFailure.isMissingNode() ? null : intrinsics.text(onFailure),
                onSuccess.isMissingNode() ? null : intrinsics.text(onSuccess),
                previous.deadLetterQueue()));
    }

    /** Invokes {@code target} (an ARN) asynchronously, as EventBridge or SNS does; {@code cause} names the caller. */
    private void invokeAsync(String target, String payload, String cause) {
        LocalFunction function = function(target).orElseThrow(() -> new LocalRuntimeException("no local function " + target));
        async.invoke(function, asyncConfigs.getOrDefault(function.spec().name(), AsyncInvoker.Config.DEFAULT), payload, cause);
    }

    // ---- topics ----

    private final Map<String, List<String[]>> lambdaSubscriptions = new ConcurrentHashMap<>();

    private void subscribe(TemplateResource r) {
        String topic = intrinsics.text(r.property("TopicArn"));
        String protocol = r.text("Protocol").orElse("");
        String endpoint = intrinsics.text(r.property("Endpoint"));
        switch (protocol) {
            case "lambda" -> lambdaSubscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                    .add(new String[] {endpoint, topic + ":" + r.logicalId()});
            case "sqs" -> {
                Map<String, String> parameters = new LinkedHashMap<>(Map.of("TopicArn", topic, "Protocol", "sqs", "Endpoint", endpoint));
                if (r.isTrue("RawMessageDelivery")) {
                    parameters.put("Attributes.entry.1.key", "RawMessageDelivery");
                    parameters.put("Attributes.entry.1.value", "true");
                }
                moto.query("sns", "Subscribe", "2010-03-31", parameters);
            }
            default -> log.hop("skip", r.logicalId() + ": " + protocol + " subscription of " + destinations.label(topic)
                    + " is not delivered locally (watch the topic in the hop log)");
        }
    }

    /** Every topic gets a tap queue: its messages are logged, kept for inspection and delivered to its function subscriptions. */
    private void tapTopics() {
        each("AWS::SNS::Topic", r -> {
            String topicArn = intrinsics.text(JSON.createObjectNode().put("Ref", r.logicalId()));
            String queue = TAP + "-" + Integer.toHexString(topicArn.hashCode());
            String url = moto.json("sqs", "AmazonSQS.CreateQueue", Moto.object().put("QueueName", queue)).path("QueueUrl").asText();
            moto.query("sns", "Subscribe", "2010-03-31", Map.of("TopicArn", topicArn, "Protocol", "sqs", "Endpoint", arn("sqs", queue)));
            startTap(new QueueTap(moto, url, "topic " + r.logicalId(), body -> onNotification(r.logicalId(), topicArn, body), log));
        });
    }

    private void onNotification(String topicLogicalId, String topicArn, String body) {
        JsonNode notification = AsyncInvoker.parse(body);
        notifications.computeIfAbsent(topicLogicalId, t -> new CopyOnWriteArrayList<>()).add(notification);
        JsonNode message = AsyncInvoker.parse(notification.path("Message").asText());
        String summary = message.has("detail-type") ? message.path("detail-type").asText() + incidentOf(message)
                : notification.path("Subject").asText(HopLog.shorten(notification.path("Message").asText(), 120));
        log.hop("sns", topicLogicalId + " ← " + summary);
        for (String[] subscription : lambdaSubscriptions.getOrDefault(topicArn, List.of())) {
            invokeAsync(subscription[0], snsEvent(notification, subscription[1]), "sns " + topicLogicalId);
        }
    }

    /** @return the event SNS invokes a function with, from the notification moto delivered */
    private static String snsEvent(JsonNode notification, String subscriptionArn) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscriptionArn);
        ObjectNode sns = record.putObject("Sns");
        for (String field : List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature")) {
            if (notification.hasNonNull(field)) {
                sns.put(field, notification.path(field).asText());
            } else if (field.equals("Subject")) {
                sns.putNull("Subject");
            }
        }
        sns.put("SigningCertUrl", notification.path("SigningCertURL").asText());
        sns.put("UnsubscribeUrl", notification.path("UnsubscribeURL").asText());
        ObjectNode attributes = sns.putObject("MessageAttributes");
        notification.path("MessageAttributes").properties().forEach(a -> attributes.putObject(a.getKey())
                .put("Type", a.getValue().path("Type").asText()).put("Value", a.getValue().path("Value").asText()));
        return event.toString();
    }

    // ---- buses and rules ----

    /** A rule of the template: its pattern in Event Ruler and its targets. */
    private record Rule(String logicalId, List<JsonNode> targets) {
    }

    private void routeBuses() {
        Map<String, List<TemplateResource>> rulesByBus = new LinkedHashMap<>();
        each("AWS::Events::Rule", r -> {
            if (!r.property("EventPattern").isObject()) {
                log.hop("skip", r.logicalId() + ": scheduled rule (" + r.text("ScheduleExpression").orElse("?")
                        + ") does not fire locally; invoke its target by hand");
                return;
            }
            if (!"ENABLED".equals(r.text("State").orElse("ENABLED"))) {
                return;
            }
            String bus = r.property("EventBusName").isMissingNode() ? "default" : intrinsics.text(r.property("EventBusName"));
            rulesByBus.computeIfAbsent(bus, b -> new ArrayList<>()).add(r);
        });
        rulesByBus.forEach((bus, rules) -> {
            Machine machine = Machine.builder().build();
            Map<String, Rule> byName = new LinkedHashMap<>();
            for (TemplateResource r : rules) {
                try {
                    machine.addRule(r.logicalId(), intrinsics.resolve(r.property("EventPattern")).toString());
                } catch (Exception e) {
                    throw new LocalRuntimeException(r.logicalId() + ": EventPattern not accepted by Event Ruler: " + e.getMessage(), e);
                }
                List<JsonNode> targets = new ArrayList<>();
                r.property("Targets").forEach(t -> targets.add(intrinsics.resolve(t)));
                byName.put(r.logicalId(), new Rule(r.logicalId(), targets));
                putRule(r, bus);
            }
            tapBus(bus, machine, byName);
        });
        // Buses without rules are still tapped, so their events can be watched.
        each("AWS::Events::EventBus", r -> {
            String bus = intrinsics.text(JSON.createObjectNode().put("Ref", r.logicalId()));
            if (!rulesByBus.containsKey(bus)) {
                tapBus(bus, Machine.builder().build(), Map.of());
            }
        });
        if (!rulesByBus.containsKey("default")) {
            tapBus("default", Machine.builder().build(), Map.of());
        }
    }

    /**
     * Creates the rule in moto too, without targets, so that any AWS client sees the bus's rules as
     * deployed; the runtime itself matches with Event Ruler and delivers to the targets.
     */
    private void putRule(TemplateResource r, String bus) {
        ObjectNode rule = Moto.object().put("Name", intrinsics.text(JSON.createObjectNode().put("Ref", r.logicalId())))
                .put("EventBusName", bus).put("EventPattern", intrinsics.resolve(r.property("EventPattern")).toString())
                .put("State", r.text("State").orElse("ENABLED"));
        r.text("Description").ifPresent(description -> rule.put("Description", description));
        try {
            moto.json("events", "AWSEvents.PutRule", rule);
        } catch (LocalRuntimeException e) {
            log.hop("skip", r.logicalId() + ": moto does not take its pattern (" + e.getMessage() + "); Event Ruler still routes it");
        }
    }

    /** A catch-all rule on {@code bus} sends every event to a tap queue; each event is then matched against the template's rules. */
    private void tapBus(String bus, Machine machine, Map<String, Rule> rules) {
        String queue = TAP + "-bus-" + Integer.toHexString(bus.hashCode());
        String url = moto.json("sqs", "AmazonSQS.CreateQueue", Moto.object().put("QueueName", queue)).path("QueueUrl").asText();
        moto.json("events", "AWSEvents.PutRule", Moto.object().put("Name", TAP).put("EventBusName", bus)
                .put("EventPattern", "{\"source\":[{\"prefix\":\"\"}]}"));
        ObjectNode targets = Moto.object().put("Rule", TAP).put("EventBusName", bus);
        targets.putArray("Targets").addObject().put("Id", "tap").put("Arn", arn("sqs", queue));
        moto.json("events", "AWSEvents.PutTargets", targets);
        startTap(new QueueTap(moto, url, "bus " + bus, body -> onEvent(bus, machine, rules, body), log));
    }

    private void onEvent(String bus, Machine machine, Map<String, Rule> rules, String body) {
        ObjectNode event = (ObjectNode) AsyncInvoker.parse(body);
        if (!event.has("account")) {
            // moto leaves it out; EventBridge always sets it.
            ObjectNode ordered = JSON.createObjectNode();
            event.properties().forEach(e -> {
                ordered.set(e.getKey(), e.getValue());
                if (e.getKey().equals("source")) {
                    ordered.put("account", Moto.ACCOUNT);
                }
            });
            event = ordered;
        }
        busEvents.computeIfAbsent(bus, b -> new CopyOnWriteArrayList<>()).add(event);
        List<String> matched;
        try {
            matched = machine.rulesForJSONEvent(event.toString());
        } catch (Exception e) {
            throw new LocalRuntimeException("event not readable by Event Ruler: " + e.getMessage(), e);
        }
        String summary = event.path("detail-type").asText() + " from " + event.path("source").asText()
                + incidentOf(event);
        log.hop("bus", bus + ": " + summary + (matched.isEmpty() ? " (no rule matches)" : " → rules " + matched));
        for (String ruleId : matched) {
            for (JsonNode target : rules.get(ruleId).targets()) {
                deliver(ruleId, target, event, summary);
            }
        }
    }

    private static String incidentOf(JsonNode event) {
        JsonNode detail = event.path("detail");
        String id = detail.path("incidentId").asText(detail.path("incident").path("incidentId").asText(""));
        String about = detail.has("playbook") ? ", " + detail.path("playbook").asText()
                : detail.has("severity") ? ", " + detail.path("severity").asText() : "";
        return id.isEmpty() ? "" : " (" + id + about + ")";
    }

    private void deliver(String ruleId, JsonNode target, JsonNode event, String summary) {
        String arn = target.path("Arn").asText();
        String payload = event.toString();
        if (target.has("Input")) {
            payload = target.path("Input").asText();
        } else if (target.has("InputPath")) {
            JsonNode selected = event;
            for (String key : target.path("InputPath").asText().replaceFirst("^\\$\\.?", "").split("\\.")) {
                selected = key.isEmpty() ? selected : selected.path(key);
            }
            payload = selected.toString();
        } else if (target.has("InputTransformer")) {
            log.hop("skip", ruleId + " → " + arn + ": InputTransformer is not emulated locally");
            return;
        }
        try {
            if (arn.startsWith("arn:aws:lambda:")) {
                invokeAsync(arn, payload, "rule " + ruleId);
            } else if (arn.startsWith("arn:aws:sns:")) {
                destinations.publish(arn, payload);
                log.hop("rule", ruleId + " → topic " + destinations.label(arn) + ": " + summary);
            } else if (arn.startsWith("arn:aws:sqs:")) {
                destinations.sendToQueue(arn, payload, Map.of());
                log.hop("rule", ruleId + " → queue " + destinations.label(arn) + ": " + summary);
            } else {
                log.hop("skip", ruleId + " → " + arn + ": target type not emulated locally");
            }
        } catch (LocalRuntimeException e) {
            JsonNode dlq = target.path("DeadLetterConfig").path("Arn");
            if (dlq.isMissingNode()) {
                throw e;
            }
            destinations.sendToQueue(dlq.asText(), payload, Map.of("RULE_ARN", ruleId, "TARGET_ARN", arn,
                    "ERROR_CODE", "LocalDeliveryFailed", "ERROR_MESSAGE", String.valueOf(e.getMessage())));
            log.hop("failed", ruleId + " → " + arn + " not delivered (" + e.getMessage() + ") → " + destinations.label(dlq.asText()));
        }
    }

    // ---- stream ----

    private void mapStream(TemplateResource r) {
        String source = intrinsics.text(r.property("EventSourceArn"));
        if (!source.contains(":dynamodb:")) {
            log.hop("skip", r.logicalId() + ": event source " + source + " is not emulated (DynamoDB streams only)");
            return;
        }
        String functionName = intrinsics.text(r.property("FunctionName"));
        LocalFunction function = function(functionName).orElseThrow(() -> new LocalRuntimeException("no local function " + functionName));
        List<String> filters = new ArrayList<>();
        r.property("FilterCriteria", "Filters").forEach(f -> filters.add(f.path("Pattern").asText()));
        JsonNode onFailure = r.property("DestinationConfig", "OnFailure", "Destination");
        List<String> responseTypes = new ArrayList<>();
        r.property("FunctionResponseTypes").forEach(t -> responseTypes.add(t.asText()));
        StreamMapping.Config config = new StreamMapping.Config(r.logicalId(), source,
                r.number("BatchSize").isPresent() ? (int) r.number("BatchSize").getAsDouble() : 100,
                r.isTrue("BisectBatchOnFunctionError"),
                // -1 in the template is "retry until the record expires"; locally that is bounded.
                r.number("MaximumRetryAttempts").isPresent() && r.number("MaximumRetryAttempts").getAsDouble() >= 0
                        ? (int) r.number("MaximumRetryAttempts").getAsDouble() : 10,
                responseTypes.contains("ReportBatchItemFailures"),
                onFailure.isMissingNode() ? null : intrinsics.text(onFailure),
                filters, "LATEST".equals(r.text("StartingPosition").orElse("LATEST")));
        StreamMapping mapping = new StreamMapping(config, function, moto, destinations, log);
        mappings.add(mapping);
        start(mapping, "stream-" + r.logicalId());
        log.hop("create", "stream of " + source.replaceAll(".*table/([^/]+)/.*", "$1") + " → " + function.spec().logicalId()
                + " (batch " + config.batchSize() + ", " + filters.size() + " filters, bisect " + config.bisect()
                + ", retries " + config.maximumRetryAttempts() + ", on failure " + (config.onFailure() == null ? "none" : destinations.label(config.onFailure())) + ")");
    }

    // ---- API ----

    private void serveApi(TemplateResource api) {
        Map<String, ApiGatewayServer.Route> routes = new LinkedHashMap<>();
        String rootId = api.logicalId() + "-root";
        ApiGatewayServer.Route root = new ApiGatewayServer.Route(rootId, "");
        routes.put(rootId, root);
        List<TemplateResource> apiResources = resources.values().stream()
                .filter(r -> r.type().equals("AWS::ApiGateway::Resource") && api.logicalId().equals(TemplateResource.target(r.property("RestApiId")).orElse("")))
                .toList();
        apiResources.forEach(r -> routes.put(r.logicalId(), new ApiGatewayServer.Route(r.logicalId(), r.text("PathPart").orElse(""))));
        for (TemplateResource r : apiResources) {
            String parent = intrinsics.text(r.property("ParentId"));
            ApiGatewayServer.Route parentRoute = routes.get(parent);
            if (parentRoute == null) {
                throw new LocalRuntimeException(r.logicalId() + ": parent " + parent + " is not a resource of " + api.logicalId());
            }
            parentRoute.children.add(routes.get(r.logicalId()));
        }
        setPaths(root);
        resources.values().stream()
                .filter(r -> r.type().equals("AWS::ApiGateway::Method") && api.logicalId().equals(TemplateResource.target(r.property("RestApiId")).orElse("")))
                .forEach(m -> {
                    String type = m.text("Integration", "Type").orElse("");
                    String uri = intrinsics.text(m.property("Integration", "Uri"));
                    String resourceId = m.property("ResourceId").isMissingNode() ? rootId : intrinsics.text(m.property("ResourceId"));
                    if (!type.equals("AWS_PROXY") || !uri.contains("/functions/")) {
                        log.hop("skip", m.logicalId() + ": " + type + " integration is not served locally (Lambda proxy only)");
                        return;
                    }
                    String target = uri.substring(uri.indexOf("/functions/") + "/functions/".length(), uri.lastIndexOf("/invocations"));
                    LocalFunction function = function(target).orElseThrow(() -> new LocalRuntimeException("no local function " + target));
                    routes.get(resourceId).methods.put(m.text("HttpMethod").orElse("ANY"),
                            new ApiGatewayServer.Method(function, "AWS_IAM".equals(m.text("AuthorizationType").orElse("NONE"))));
                });
        String stageName = resources.values().stream()
                .filter(r -> r.type().equals("AWS::ApiGateway::Stage") && api.logicalId().equals(TemplateResource.target(r.property("RestApiId")).orElse("")))
                .map(r -> r.text("StageName").orElse("prod")).findFirst().orElse("prod");
        ApiGatewayServer server = new ApiGatewayServer(api.logicalId(), stageName, root, apis.isEmpty() ? options.apiPort() : 0, log);
        apis.add(server);
        log.hop("create", "API " + api.logicalId() + " on " + server.url() + ": " + server.routes().size() + " methods");
    }

    private static void setPaths(ApiGatewayServer.Route route) {
        for (ApiGatewayServer.Route child : route.children) {
            child.path = route.path + "/" + child.pathPart;
            setPaths(child);
        }
    }

    private void startTap(QueueTap tap) {
        taps.add(tap);
        start(tap, "tap");
    }

    private void start(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, "local-" + name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    // ---- what callers see ----

    /** @return the base URL of the (first) REST API, {@code http://127.0.0.1:<port>/<stage>} */
    public String apiUrl() {
        if (apis.isEmpty()) {
            throw new LocalRuntimeException("the stack has no REST API");
        }
        return apis.get(0).url();
    }

    /** @return a stack output's value resolved locally, a deployed API URL ({@code https://<id>.execute-api…/<stage>}) made the local one */
    public String localOutput(JsonNode value) {
        String resolved = intrinsics.text(value);
        for (ApiGatewayServer api : apis) {
            resolved = resolved.replace(api.deployedUrl(stack.region()), api.url());
        }
        return resolved;
    }

    /** @return the API's routes, one line each */
    public List<String> routes() {
        return apis.stream().flatMap(a -> a.routes().stream()).toList();
    }

    /** @return moto, for reading and writing its resources directly */
    public Moto moto() {
        return moto;
    }

    /** @return the stack that runs */
    public CloudAssembly.Stack stack() {
        return stack;
    }

    /** @return the hop log */
    public HopLog log() {
        return log;
    }

    /** @return the local value of {@code Ref} to the resource that {@code match} picks (by type and logical id) */
    public String ref(String type, Predicate<String> logicalId) {
        return intrinsics.text(JSON.createObjectNode().put("Ref", logicalId(type, logicalId)));
    }

    /** @return the local value of {@code Fn::GetAtt} of the resource {@code match} picks */
    public String attribute(String type, Predicate<String> logicalId, String attribute) {
        return intrinsics.text(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(logicalId(type, logicalId)).add(attribute)));
    }

    /** @return the logical id of the only resource of {@code type} whose id {@code match} accepts */
    public String logicalId(String type, Predicate<String> match) {
        List<String> ids = resources.values().stream().filter(r -> r.type().equals(type) && match.test(r.logicalId()))
                .map(TemplateResource::logicalId).toList();
        if (ids.size() != 1) {
            throw new LocalRuntimeException("expected one " + type + " matching, found " + ids);
        }
        return ids.get(0);
    }

    /** @return the generated value of each secret the runtime created, by logical id */
    public Map<String, String> secretValues() {
        return Collections.unmodifiableMap(secretValues);
    }

    /** @return the events that reached {@code bus} so far ({@code default} for the default bus) */
    public List<JsonNode> busEvents(String bus) {
        return List.copyOf(busEvents.getOrDefault(bus, List.of()));
    }

    /** @return the notifications published to the topic {@code topicLogicalId} so far */
    public List<JsonNode> notifications(String topicLogicalId) {
        return List.copyOf(notifications.getOrDefault(topicLogicalId, List.of()));
    }

    /** @return the messages now in the queue {@code queueLogicalId} (received without deleting, visible again at once) */
    public List<JsonNode> queueMessages(String queueLogicalId) {
        String url = intrinsics.text(JSON.createObjectNode().put("Ref", queueLogicalId));
        JsonNode messages = moto.json("sqs", "AmazonSQS.ReceiveMessage", Moto.object().put("QueueUrl", url)
                .put("MaxNumberOfMessages", 10).put("VisibilityTimeout", 0)
                .set("MessageAttributeNames", JSON.createArrayNode().add("All"))).path("Messages");
        List<JsonNode> out = new ArrayList<>();
        messages.forEach(out::add);
        return out;
    }

    /** @return every function */
    public List<LocalFunction> functions() {
        return List.copyOf(functionsByName.values());
    }

    /**
     * @return whether nothing is in flight: no stream batch, bus event, notification or async
     *         invocation in hand, and no hop for {@value #QUIET_MILLIS} ms (longer than a poll of the
     *         stream or a tap queue, so nothing is waiting in moto either)
     */
    public boolean idle() {
        return async.pending() == 0 && mappings.stream().noneMatch(StreamMapping::busy) && taps.stream().noneMatch(QueueTap::busy)
                && log.millisSinceLastHop() >= QUIET_MILLIS;
    }

    /** Waits (bounded) until {@link #idle()}. */
    public void awaitIdle(Duration timeout) {
        Await.until("the pipeline to go idle", timeout, this::idle, () -> log.tail(15));
    }

    /** Stops everything it started: pollers, API servers, every function JVM and moto, each by its own process id. */
    @Override
    public void close() {
        if (warming != null) {
            warming.shutdownNow();
        }
        mappings.forEach(StreamMapping::stop);
        taps.forEach(QueueTap::stop);
        apis.forEach(ApiGatewayServer::close);
        async.close();
        functionsByName.values().forEach(LocalFunction::close);
        for (Thread thread : threads) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        moto.close();
    }
}
