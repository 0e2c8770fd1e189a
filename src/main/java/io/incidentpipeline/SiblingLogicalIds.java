package io.incidentpipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * Gives the resources under some of a construct's children the logical ids they would have if
 * those children were the construct's siblings: CloudFormation then keeps the resources when they
 * move between the two places. {@link IncidentPipeline} names its table, secrets, keys and
 * stage-level parts this way, so a pipeline composed in a user's stack and the app's stack (which
 * created them beside its pipeline before they moved into it) give them the same ids.
 *
 * <p>The id is computed as CDK's {@code Stack.allocateLogicalId} computes it from a path (the human
 * part of the path's ids, deduplicated and without {@code Resource}, and an MD5 hash of the path),
 * so an unchanged path keeps its id exactly.
 */
final class SiblingLogicalIds implements IAspect {
    private static final String HIDDEN_FROM_HUMAN_ID = "Resource";
    private static final String HIDDEN_ID = "Default";
    private static final int MAX_HUMAN_LENGTH = 240;
    private static final int MAX_ID_LENGTH = 255;

    private final String ownerPath;
    private final Predicate<String> hoisted;
    private final int ownerIndex;
    private final String ownerUniquePrefix;
    private final Map<String, String> renamedUniqueIds = new LinkedHashMap<>();

    /**
     * @param owner the construct whose children are named as its siblings
     * @param hoisted which children, by id
     */
    SiblingLogicalIds(IConstruct owner, Predicate<String> hoisted) {
        this.ownerPath = owner.getNode().getPath();
        this.hoisted = hoisted;
        this.ownerIndex = ownerPath.split("/").length - 1;
        // The start of every unique id of a construct below the owner: how a name carrying one is recognized.
        this.ownerUniquePrefix = alphanumeric(ownerPath);
    }

    @Override
    public void visit(IConstruct node) {
        String path = node.getNode().getPath();
        if (!path.startsWith(ownerPath + "/")) {
            return;
        }
        boolean moved = hoisted.test(path.substring(ownerPath.length() + 1).split("/", 2)[0]);
        List<String> fromRoot = List.of(path.split("/"));
        if (moved) {
            // Other constructs may carry this one's unique id in theirs (CDK names a rule's permission
            // after its target, an event source mapping after its table): those follow it.
            renamedUniqueIds.put(uniqueId(fromRoot), uniqueId(without(fromRoot, ownerIndex)));
        }
        if (!(node instanceof CfnElement element)) {
            return;
        }
        Stack stack = element.getStack();
        String stackPath = stack.getNode().getPath();
        int stackDepth = stackPath.isEmpty() ? 0 : stackPath.split("/").length;
        List<String> natural = fromRoot.subList(stackDepth, fromRoot.size());
        boolean namedAfterMoved = natural.stream().anyMatch(c -> c.length() > ownerUniquePrefix.length()
                && alphanumeric(c).contains(ownerUniquePrefix));
        if (!moved && !namedAfterMoved) {
            return;
        }
        String naturalId = uniqueId(natural);
        String current = String.valueOf(stack.resolve(element.getLogicalId()));
        if (!current.startsWith(naturalId)) {
            return; // set by hand: it stays
        }
        // CDK may append a suffix of its own (a function's current version: a hash of its configuration,
        // final once the constructs are built): it is kept after the new id.
        String suffix = current.substring(naturalId.length());
        List<String> renamed = new ArrayList<>(moved ? without(natural, ownerIndex - stackDepth) : natural);
        // Final now, not lazily at synthesis: a Java callback per resource there nests the jsii runtime's
        // stack once per resource. Aspects visit a construct's children in creation order, and every
        // construct here creates a target before what is named after it (a function before its rule).
        renamedUniqueIds.forEach((from, to) -> renamed.replaceAll(c -> c.replace(from, to)));
        if (!renamed.equals(natural)) {
            element.overrideLogicalId(uniqueId(renamed) + suffix);
        }
    }

    private static List<String> without(List<String> components, int index) {
        List<String> shorter = new ArrayList<>(components);
        shorter.remove(index);
        return shorter;
    }

    /** CDK's {@code makeUniqueId}: the logical id a stack gives the element at these path components. */
    static String uniqueId(List<String> path) {
        List<String> components = path.stream().filter(c -> !HIDDEN_ID.equals(c)).toList();
        if (components.isEmpty()) {
            throw new IllegalArgumentException("No path components to name a resource by");
        }
        if (components.size() == 1) {
            String candidate = alphanumeric(components.get(0));
            if (candidate.length() <= MAX_ID_LENGTH) {
                return candidate;
            }
        }
        List<String> human = new ArrayList<>();
        for (String component : components) {
            if (human.isEmpty() || !human.get(human.size() - 1).endsWith(component)) {
                human.add(component);
            }
        }
        String readable = String.join("", human.stream().filter(c -> !HIDDEN_FROM_HUMAN_ID.equals(c))
                .map(SiblingLogicalIds::alphanumeric).toList());
        return readable.substring(0, Math.min(readable.length(), MAX_HUMAN_LENGTH)) + hash(String.join("/", components));
    }

    private static String alphanumeric(String s) {
        return s.replaceAll("[^A-Za-z0-9]", "");
    }

    private static String hash(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
