package io.incidentpipeline.guardrails;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The versions of aws-cdk-lib and cdk-nag the gate runs on, checked before it is applied: Maven picks
 * the version a consumer's own pom names over the library's, and both failures are silent or late
 * otherwise (cdk-nag 2.x fails with a {@code NoSuchMethodError} mid-synth; aws-cdk-lib before 2.272.0
 * applies acknowledgments of granular findings app-wide, so the gate would pass what it must not).
 */
final class LibraryVersions {
    static final String MIN_CDK = "2.272.0";
    static final int CDK_NAG_MAJOR = 3;

    private LibraryVersions() {
    }

    /** @throws IllegalStateException naming the version found, the one needed and the fix */
    static void check() {
        check(versionOf("software.amazon.awscdk", "aws-cdk-lib"), versionOf("io.github.cdklabs", "cdknag"));
    }

    static void check(String cdk, String cdkNag) {
        // Both at once: a pom that pins cdk-nag 2.x also brings the older aws-cdk-lib it was built on.
        List<String> problems = new ArrayList<>();
        if (cdk != null && compare(cdk, MIN_CDK) < 0) {
            problems.add("It needs aws-cdk-lib " + MIN_CDK + " or later, but " + cdk + " is on the classpath. Before "
                    + MIN_CDK + " an acknowledgment of a granular finding suppresses it on every resource of the app."
                    + " Set software.amazon.awscdk:aws-cdk-lib to " + MIN_CDK + " or later.");
        }
        if (cdkNag != null && major(cdkNag) != CDK_NAG_MAJOR) {
            problems.add("It needs cdk-nag " + CDK_NAG_MAJOR + ".x (io.github.cdklabs:cdknag), but " + cdkNag
                    + " is on the classpath. cdk-nag " + major(cdkNag) + ".x has another API: remove your own"
                    + " cdknag dependency or set it to the 3.x line (3.0.2).");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Incident Pipeline's security gate cannot run on the versions your pom (or"
                    + " another dependency) chose. " + String.join(" ", problems) + " Importing this library's pom"
                    + " (<type>pom</type><scope>import</scope>) aligns every version; see the README, Install.");
        }
    }

    /** @return the version in the artifact's Maven metadata on the classpath, or null where it has none (an IDE build) */
    static String versionOf(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + resource, e);
        }
    }

    static int compare(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < 3; i++) {
            int diff = Integer.compare(number(x, i), number(y, i));
            if (diff != 0) {
                return diff;
            }
        }
        return 0;
    }

    private static int major(String version) {
        return number(version.split("[.-]"), 0);
    }

    private static int number(String[] parts, int i) {
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
