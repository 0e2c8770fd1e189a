package io.incidentpipeline.handlers.remediation;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * EC2's Query API for {@code DescribeSecurityGroups} (by {@code GroupId.1}: owner and tags; a group
 * exists once it has a rule, an owner or a tag, else {@code InvalidGroup.NotFound}),
 * {@code DescribeSecurityGroupRules} (filtered by {@code group-id}, in pages
 * linked by {@code nextToken}) and {@code RevokeSecurityGroupIngress} by rule id, with the XML of
 * the EC2 API reference. A revoke naming a rule the group does not have fails as a whole with
 * {@code InvalidSecurityGroupRuleId.NotFound}.
 */
final class FakeEc2 extends FakeAwsService {
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final String XML = "text/xml;charset=UTF-8";

    /** One answer to serve instead of the next call's own. */
    private record Canned(int status, String contentType, String body) {
    }

    private final List<SecurityGroupRule> rules = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Headers> headers = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
    private volatile int pageSize = 1000;
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    /** Tags a group. */
    void tag(String groupId, String key, String value) {
        tags.computeIfAbsent(groupId, g -> new LinkedHashMap<>()).put(key, value);
    }

    /** Makes another account the group's owner (by default {@code 123456789012}). */
    void owner(String groupId, String account) {
        owners.put(groupId, account);
    }

    /** Adds rules to the account. */
    void add(SecurityGroupRule... added) {
        rules.addAll(List.of(added));
    }

    /** Makes DescribeSecurityGroupRules answer at most {@code size} rules a page. */
    void pageSize(int size) {
        pageSize = size;
    }

    /** Answers the next call with EC2's error response. */
    void failNextCall(int status, String code, String message) {
        canned.add(new Canned(status, XML, errorXml(code, message)));
    }

    /** Answers the next call with this body as it is. */
    void answerNextCall(int status, String contentType, String body) {
        canned.add(new Canned(status, contentType, body));
    }

    /** @return the rule ids of the account now */
    List<String> ruleIds() {
        return rules.stream().map(SecurityGroupRule::ruleId).toList();
    }

    /** @return the form parameters of every call, in order */
    List<Map<String, String>> calls() {
        return List.copyOf(calls);
    }

    /** @return the calls of one action, in order */
    List<Map<String, String>> calls(String action) {
        return calls().stream().filter(call -> action.equals(call.get("Action"))).toList();
    }

    /** @return the headers of every call, in order */
    List<Headers> headers() {
        return List.copyOf(headers);
    }

    @Override
    void handle(HttpExchange exchange) throws IOException {
        Map<String, String> call = form(exchange.getRequestBody().readAllBytes());
        calls.add(call);
        headers.add(exchange.getRequestHeaders());
        Canned next = canned.poll();
        if (next != null) {
            respond(exchange, next.status(), next.contentType(), next.body());
        } else if (!exchange.getRequestMethod().equals("POST") || !"2016-11-15".equals(call.get("Version"))) {
            error(exchange, 400, "InvalidAction", "the fake answers POSTs of API version 2016-11-15 only");
        } else if ("DescribeSecurityGroups".equals(call.get("Action"))) {
            describeGroup(exchange, call.get("GroupId.1"));
        } else if ("DescribeSecurityGroupRules".equals(call.get("Action"))) {
            describe(exchange, call);
        } else if ("RevokeSecurityGroupIngress".equals(call.get("Action"))) {
            revoke(exchange, call);
        } else {
            error(exchange, 400, "InvalidAction", "The action " + call.get("Action") + " is not valid for this web service.");
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, XML, errorXml(code, message));
    }

    private static String errorXml(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-cb5432daacc0</RequestID>"
                + "</Response>";
    }

    private void describe(HttpExchange exchange, Map<String, String> call) throws IOException {
        if (!"group-id".equals(call.get("Filter.1.Name"))) {
            throw new IllegalStateException("the fake filters by group-id only: " + call);
        }
        List<SecurityGroupRule> ofGroup = rules.stream()
                .filter(rule -> rule.groupId().equals(call.get("Filter.1.Value.1"))).toList();
        int from = call.containsKey("NextToken") ? Integer.parseInt(call.get("NextToken").substring("page-".length())) : 0;
        int to = Math.min(from + pageSize, ofGroup.size());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeSecurityGroupRulesResponse xmlns=\"" + NAMESPACE + "\">"
                + "<requestId>5b3cba84-3c5a-4a6b-9f1c-0d6e9c3b6f10</requestId><securityGroupRuleSet>");
        ofGroup.subList(from, to).forEach(rule -> xml.append(item(rule)));
        xml.append("</securityGroupRuleSet>");
        if (to < ofGroup.size()) {
            xml.append("<nextToken>page-").append(to).append("</nextToken>");
        }
        respond(exchange, 200, XML, xml.append("</DescribeSecurityGroupRulesResponse>").toString());
    }

    private void describeGroup(HttpExchange exchange, String groupId) throws IOException {
        boolean exists = owners.containsKey(groupId) || tags.containsKey(groupId)
                || rules.stream().anyMatch(rule -> rule.groupId().equals(groupId));
        if (!exists) {
            error(exchange, 400, "InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist");
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeSecurityGroupsResponse xmlns=\"" + NAMESPACE + "\">"
                + "<requestId>1d62eae0-acdd-481d-88c9-example</requestId><securityGroupInfo><item>"
                + "<ownerId>" + owners.getOrDefault(groupId, "123456789012") + "</ownerId>"
                + "<groupId>" + groupId + "</groupId><groupName>orders-web</groupName>"
                + "<groupDescription>orders web tier</groupDescription><vpcId>vpc-0a1b2c3d4e5f60718</vpcId>"
                + "<ipPermissions/><ipPermissionsEgress/><tagSet>");
        tags.getOrDefault(groupId, Map.of()).forEach((key, value) -> xml.append("<item><key>").append(key)
                .append("</key><value>").append(value).append("</value></item>"));
        respond(exchange, 200, XML, xml.append("</tagSet></item></securityGroupInfo></DescribeSecurityGroupsResponse>")
                .toString());
    }

    private void revoke(HttpExchange exchange, Map<String, String> call) throws IOException {
        List<String> ids = call.entrySet().stream().filter(e -> e.getKey().startsWith("SecurityGroupRuleId."))
                .map(Map.Entry::getValue).toList();
        List<SecurityGroupRule> revoked = rules.stream()
                .filter(rule -> rule.groupId().equals(call.get("GroupId")) && ids.contains(rule.ruleId())).toList();
        if (revoked.size() != ids.size()) {
            error(exchange, 400, "InvalidSecurityGroupRuleId.NotFound", "The security group rule IDs '" + ids
                    + "' do not exist");
            return;
        }
        rules.removeAll(revoked);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<RevokeSecurityGroupIngressResponse xmlns=\"" + NAMESPACE + "\">"
                + "<requestId>7b8a9c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d</requestId><return>true</return>"
                + "<revokedSecurityGroupRuleSet>");
        revoked.forEach(rule -> xml.append(item(rule)));
        respond(exchange, 200, XML,
                xml.append("</revokedSecurityGroupRuleSet></RevokeSecurityGroupIngressResponse>").toString());
    }

    private static String item(SecurityGroupRule rule) {
        StringBuilder xml = new StringBuilder("<item>")
                .append("<securityGroupRuleId>").append(rule.ruleId()).append("</securityGroupRuleId>")
                .append("<groupId>").append(rule.groupId()).append("</groupId>")
                .append("<groupOwnerId>123456789012</groupOwnerId>")
                .append("<isEgress>").append(rule.egress()).append("</isEgress>")
                .append("<ipProtocol>").append(rule.protocol()).append("</ipProtocol>")
                .append("<fromPort>").append(rule.fromPort()).append("</fromPort>")
                .append("<toPort>").append(rule.toPort()).append("</toPort>");
        element(xml, "cidrIpv4", rule.cidrIpv4());
        element(xml, "cidrIpv6", rule.cidrIpv6());
        element(xml, "prefixListId", rule.prefixListId());
        if (rule.referencedGroupId() != null) {
            xml.append("<referencedGroupInfo><groupId>").append(rule.referencedGroupId())
                    .append("</groupId><userId>123456789012</userId></referencedGroupInfo>");
        }
        return xml.append("<tagSet/><securityGroupRuleArn>arn:aws:ec2:us-east-1:123456789012:security-group-rule/")
                .append(rule.ruleId()).append("</securityGroupRuleArn></item>").toString();
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value != null) {
            xml.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        }
    }
}
