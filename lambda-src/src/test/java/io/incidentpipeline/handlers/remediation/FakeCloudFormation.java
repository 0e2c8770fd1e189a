package io.incidentpipeline.handlers.remediation;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CloudFormation's Query API for drift detection ({@code DetectStackDrift},
 * {@code DescribeStackDriftDetectionStatus}, {@code DescribeStackResourceDrifts} with its status
 * filters and {@code NextToken} pages), answering with the XML of the CloudFormation API reference;
 * a stack it does not know fails with {@code ValidationError}, as CloudFormation does.
 */
final class FakeCloudFormation extends FakeAwsService {
    private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private static final String XML = "text/xml";

    /** One property difference of a drifted resource. */
    record Difference(String path, String expected, String actual, String type) {
    }

    /** One resource's drift result. */
    record ResourceDrift(String logicalId, String physicalId, String type, String status, List<Difference> differences) {
    }

    /**
     * A stack's drift detection.
     *
     * @param resources      the results of its resources
     * @param pollsToFinish  how many status polls answer DETECTION_IN_PROGRESS before it finishes
     * @param failureReason  {@code null} to finish DETECTION_COMPLETE, else DETECTION_FAILED with this reason
     */
    record Stack(List<ResourceDrift> resources, int pollsToFinish, String failureReason) {
    }

    private final Map<String, Stack> stacks = new ConcurrentHashMap<>();
    private final Map<String, String> detections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final List<Map<String, String>> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int pageSize = 100;

    /** Adds (or replaces) a stack. */
    void stack(String name, Stack stack) {
        stacks.put(name, stack);
    }

    /** Makes DescribeStackResourceDrifts answer at most {@code size} resources a page. */
    void pageSize(int size) {
        pageSize = size;
    }

    /** @return the form parameters of every call, in order */
    List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    /** @return the calls of one action, in order */
    List<Map<String, String>> calls(String action) {
        return calls().stream().filter(call -> action.equals(call.get("Action"))).toList();
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        Map<String, String> call = form(exchange.getRequestBody().readAllBytes());
        calls.add(call);
        String action = call.get("Action");
        if (!"2010-05-15".equals(call.get("Version"))) {
            error(exchange, "InvalidParameterValue", "the fake answers API version 2010-05-15 only");
        } else if ("DetectStackDrift".equals(action)) {
            detect(exchange, call.get("StackName"));
        } else if ("DescribeStackDriftDetectionStatus".equals(action)) {
            status(exchange, call.get("StackDriftDetectionId"));
        } else if ("DescribeStackResourceDrifts".equals(action)) {
            drifts(exchange, call);
        } else {
            error(exchange, "InvalidAction", "Could not find operation " + action);
        }
    }

    private void detect(HttpExchange exchange, String stackName) throws IOException {
        if (!stacks.containsKey(stackName)) {
            error(exchange, "ValidationError", "Stack with id " + stackName + " does not exist");
            return;
        }
        String id = "b78ac9b0-dec1-11e7-a451-50" + String.format("%010d", ids.incrementAndGet());
        detections.put(id, stackName);
        polls.put(id, new AtomicInteger());
        respond(exchange, "DetectStackDrift", "<StackDriftDetectionId>" + id + "</StackDriftDetectionId>");
    }

    private void status(HttpExchange exchange, String id) throws IOException {
        Stack stack = stacks.get(detections.get(id));
        boolean running = polls.get(id).incrementAndGet() <= stack.pollsToFinish();
        long drifted = stack.resources().stream().filter(r -> !r.status().equals("IN_SYNC")).count();
        String result = "<StackId>" + stackId(detections.get(id)) + "</StackId>"
                + "<StackDriftDetectionId>" + id + "</StackDriftDetectionId>";
        if (running) {
            result += "<DetectionStatus>DETECTION_IN_PROGRESS</DetectionStatus>";
        } else {
            result += "<StackDriftStatus>" + (drifted > 0 ? "DRIFTED" : "IN_SYNC") + "</StackDriftStatus>"
                    + (stack.failureReason() == null ? "<DetectionStatus>DETECTION_COMPLETE</DetectionStatus>"
                    : "<DetectionStatus>DETECTION_FAILED</DetectionStatus><DetectionStatusReason>"
                    + escape(stack.failureReason()) + "</DetectionStatusReason>")
                    + "<DriftedStackResourceCount>" + drifted + "</DriftedStackResourceCount>";
        }
        respond(exchange, "DescribeStackDriftDetectionStatus", result + "<Timestamp>2026-11-25T06:00:00.000Z</Timestamp>");
    }

    private void drifts(HttpExchange exchange, Map<String, String> call) throws IOException {
        Stack stack = stacks.get(call.get("StackName"));
        if (stack == null) {
            error(exchange, "ValidationError", "Stack with id " + call.get("StackName") + " does not exist");
            return;
        }
        List<String> filters = call.entrySet().stream()
                .filter(e -> e.getKey().startsWith("StackResourceDriftStatusFilters.member."))
                .map(Map.Entry::getValue).toList();
        List<ResourceDrift> matching = stack.resources().stream()
                .filter(r -> filters.isEmpty() || filters.contains(r.status())).toList();
        int from = call.containsKey("NextToken") ? Integer.parseInt(call.get("NextToken").substring("next-".length())) : 0;
        int to = Math.min(from + pageSize, matching.size());
        StringBuilder result = new StringBuilder("<StackResourceDrifts>");
        for (ResourceDrift drift : matching.subList(from, to)) {
            result.append("<member><StackId>").append(stackId(call.get("StackName"))).append("</StackId>")
                    .append("<LogicalResourceId>").append(escape(drift.logicalId())).append("</LogicalResourceId>")
                    .append("<PhysicalResourceId>").append(escape(drift.physicalId())).append("</PhysicalResourceId>")
                    .append("<ResourceType>").append(drift.type()).append("</ResourceType>")
                    .append("<ExpectedProperties>{}</ExpectedProperties><ActualProperties>{}</ActualProperties>")
                    .append("<PropertyDifferences>");
            for (Difference difference : drift.differences()) {
                result.append("<member><PropertyPath>").append(escape(difference.path())).append("</PropertyPath>")
                        .append("<ExpectedValue>").append(escape(difference.expected())).append("</ExpectedValue>")
                        .append("<ActualValue>").append(escape(difference.actual())).append("</ActualValue>")
                        .append("<DifferenceType>").append(difference.type()).append("</DifferenceType></member>");
            }
            result.append("</PropertyDifferences><StackResourceDriftStatus>").append(drift.status())
                    .append("</StackResourceDriftStatus><Timestamp>2026-11-25T06:00:00.000Z</Timestamp></member>");
        }
        result.append("</StackResourceDrifts>");
        if (to < matching.size()) {
            result.append("<NextToken>next-").append(to).append("</NextToken>");
        }
        respond(exchange, "DescribeStackResourceDrifts", result.toString());
    }

    private static String stackId(String name) {
        return "arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/f449b250-b969-11e0-a185-5081d0136786";
    }

    private static void respond(HttpExchange exchange, String action, String result) throws IOException {
        respond(exchange, 200, XML, "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata><RequestId>1b1a2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d</RequestId>"
                + "</ResponseMetadata></" + action + "Response>");
    }

    private static void error(HttpExchange exchange, String code, String message) throws IOException {
        respond(exchange, 400, XML, "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + escape(message) + "</Message></Error>"
                + "<RequestId>5ccc7dcd-744c-11e5-be70-1b08c228efb3</RequestId></ErrorResponse>");
    }
}
