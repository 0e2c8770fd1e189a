package io.incidentpipeline.handlers.remediation;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's {@code GetPublicAccessBlock}, {@code PutPublicAccessBlock} and {@code GetBucketTagging},
 * path-style, answering as the S3 API reference documents them: the configuration's XML,
 * {@code NoSuchPublicAccessBlockConfiguration} for a bucket without one, {@code NoSuchTagSet} for a
 * bucket without tags, {@code NoSuchBucket} for a bucket it does not know, and {@code AccessDenied}
 * when the request's {@code x-amz-expected-bucket-owner} is not the bucket's owner.
 */
final class FakeS3 extends FakeAwsService {
    static final List<String> SETTINGS = List.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
            "RestrictPublicBuckets");
    private static final Pattern BUCKET_PATH = Pattern.compile("/([^/?]+)/?");

    // bucket -> its settings; an empty map for a bucket with no configuration
    private final Map<String, Map<String, Boolean>> buckets = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> putBodies = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /** Tags a bucket. */
    void tag(String bucket, String key, String value) {
        tags.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).put(key, value);
    }

    /** Makes another account the bucket's owner (by default {@code 123456789012}). */
    void owner(String bucket, String account) {
        owners.put(bucket, account);
    }

    /** Adds a bucket with no Block Public Access configuration. */
    void addBucket(String name) {
        buckets.put(name, new LinkedHashMap<>());
    }

    /** Adds a bucket with these settings, in the order of {@link #SETTINGS}. */
    void addBucket(String name, boolean... settings) {
        Map<String, Boolean> configuration = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i++) {
            configuration.put(SETTINGS.get(i), settings[i]);
        }
        buckets.put(name, configuration);
    }

    /** @return the bucket's settings now, empty when it has no configuration */
    Map<String, Boolean> settings(String bucket) {
        return Map.copyOf(buckets.get(bucket));
    }

    /** @return every request answered, as {@code METHOD /path?query} */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** @return the bodies of the PutPublicAccessBlock requests, in order */
    List<String> putBodies() {
        return List.copyOf(putBodies);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(method + " " + path + "?" + query);
        Matcher bucketPath = BUCKET_PATH.matcher(path);
        if (!bucketPath.matches() || !(query.startsWith("publicAccessBlock") || query.startsWith("tagging"))) {
            error(exchange, 400, "NotImplemented", "the fake serves GetPublicAccessBlock, PutPublicAccessBlock and"
                    + " GetBucketTagging only");
            return;
        }
        String bucket = bucketPath.group(1);
        Map<String, Boolean> configuration = buckets.get(bucket);
        String expectedOwner = exchange.getRequestHeaders().getFirst("x-amz-expected-bucket-owner");
        if (configuration == null) {
            error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
        } else if (expectedOwner != null && !expectedOwner.equals(owners.getOrDefault(bucket, "123456789012"))) {
            error(exchange, 403, "AccessDenied", "Access Denied");
        } else if (query.startsWith("tagging")) {
            Map<String, String> tagSet = tags.get(bucket);
            if (tagSet == null) {
                error(exchange, 404, "NoSuchTagSet", "The TagSet does not exist");
                return;
            }
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>");
            tagSet.forEach((key, value) -> xml.append("<Tag><Key>").append(key).append("</Key><Value>").append(value)
                    .append("</Value></Tag>"));
            respond(exchange, 200, "application/xml", xml.append("</TagSet></Tagging>").toString());
        } else if (method.equals("PUT")) {
            String xml = new String(body, StandardCharsets.UTF_8);
            putBodies.add(xml);
            for (String setting : SETTINGS) {
                Matcher value = Pattern.compile("<" + setting + ">(true|false)</" + setting + ">").matcher(xml);
                configuration.put(setting, value.find() && Boolean.parseBoolean(value.group(1)));
            }
            respond(exchange, 200, "application/xml", "");
        } else if (configuration.isEmpty()) {
            error(exchange, 404, "NoSuchPublicAccessBlockConfiguration",
                    "The public access block configuration was not found");
        } else {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
            configuration.forEach((name, value) -> xml.append('<').append(name).append('>').append(value)
                    .append("</").append(name).append('>'));
            respond(exchange, 200, "application/xml", xml.append("</PublicAccessBlockConfiguration>").toString());
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + message + "</Message><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>fake-host-id</HostId></Error>");
    }
}
