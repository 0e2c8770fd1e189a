package io.incidentpipeline.guardrails;

import java.util.Map;

/**
 * Finding ids as the gate's plugins report them, and the qualified form
 * ({@code <plugin>::<finding>}) that CDK matches by construct path.
 */
final class FindingIds {
    /** Finding prefix → the namespace of the plugin that reports it. */
    private static final Map<String, String> PACKS = Map.of(
            "AwsSolutions-", "AwsSolutions",
            "Serverless-", "Serverless",
            "Cost-", "Cost",
            "NIST.800.53.R5-", "NIST.800.53.R5",
            "HIPAA.Security-", "HIPAA.Security",
            "PCI.DSS.321-", "PCI.DSS.321");

    private FindingIds() {
    }

    /** @return the namespace of the pack that reports {@code finding}, or null if no known pack does */
    static String packOf(String finding) {
        return PACKS.entrySet().stream().filter(e -> finding.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * @return {@code finding} qualified with its plugin's namespace, as the CDK CLI suggests it
     *         ({@code AwsSolutions::AwsSolutions-IAM5[Resource::*]}); an id that is already qualified
     *         is returned as is
     * @throws IllegalArgumentException when no known plugin reports such an id
     */
    static String qualified(String finding) {
        if (hasNamespace(finding)) {
            return finding;
        }
        String pack = packOf(finding);
        if (pack == null) {
            throw new IllegalArgumentException("Unknown finding id '" + finding + "': a finding id starts with the"
                    + " pack that reports it (" + String.join(", ", PACKS.keySet().stream().sorted().toList())
                    + ") or names its plugin, as '<plugin>::<id>' (e.g. 'CloudFormation-Validate::W3694'). Copy the id"
                    + " from the synth report.");
        }
        return pack + "::" + finding;
    }

    /** Whether {@code id} has a {@code ::} outside brackets, i.e. names its plugin (CDK's own parsing rule). */
    private static boolean hasNamespace(String id) {
        int depth = 0;
        for (int i = 0; i < id.length() - 1; i++) {
            char c = id.charAt(i);
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ':' && id.charAt(i + 1) == ':' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
