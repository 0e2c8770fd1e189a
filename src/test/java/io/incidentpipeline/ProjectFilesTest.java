package io.incidentpipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What an adopter and Maven Central check before anything runs: the licence, the pom's metadata,
 * the release setup, the policies, and that the README, the CI workflows and the build say the
 * same thing (versions, commands, the local repository left alone).
 */
class ProjectFilesTest {
    private static Document pom;
    private static XPath xpath;
    private static JsonNode packageJson;

    @BeforeAll
    static void readPomAndPackageJson() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        xpath = XPathFactory.newInstance().newXPath();
        packageJson = new ObjectMapper().readTree(Path.of("package.json").toFile());
    }

    private static String pom(String path) throws Exception {
        return xpath.evaluate(path, pom).strip();
    }

    private static List<String> pomAll(String path) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(path, pom, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return values;
    }

    @Test
    void shouldShipTheApacheLicenseInFull_asThePomAndPackageJsonDeclare() throws Exception {
        String license = Files.readString(Path.of("LICENSE"));

        assertThat(license).contains("Apache License", "Version 2.0, January 2004",
                "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS");
        assertThat(pomAll("/project/licenses/license/name")).containsExactly("Apache-2.0");
        assertThat(packageJson.path("license").asText()).isEqualTo("Apache-2.0");
    }

    @Test
    void shouldCarryTheMetadataMavenCentralRequires() throws Exception {
        for (String element : List.of("name", "description", "url", "licenses/license/url", "scm/connection",
                "scm/developerConnection", "scm/url", "developers/developer/name")) {
            assertThat(pomAll("/project/" + element)).as(element).hasSize(1).allMatch(value -> !value.isBlank());
        }
    }

    @Test
    void shouldBuildSourcesAndJavadocJarsByDefault_javadocFailingOnAnUndocumentedMember() throws Exception {
        String plugins = "/project/build/plugins/plugin";

        assertThat(pomAll(plugins + "[artifactId='maven-source-plugin']/executions/execution/goals/goal"))
                .containsExactly("jar-no-fork");
        assertThat(pomAll(plugins + "[artifactId='maven-javadoc-plugin']/executions/execution/goals/goal"))
                .containsExactly("jar");
        assertThat(pom(plugins + "[artifactId='maven-javadoc-plugin']/configuration/doclint")).isEqualTo("all");
        assertThat(pom(plugins + "[artifactId='maven-javadoc-plugin']/configuration/failOnWarnings")).isEqualTo("true");
    }

    @Test
    void shouldSignAndPublishTheDefaultBuildsJarsInTheReleaseProfile() throws Exception {
        String release = "/project/profiles/profile[id='release']/build/plugins/plugin";

        assertThat(pomAll(release + "/artifactId")).containsExactly("maven-gpg-plugin", "central-publishing-maven-plugin");
        assertThat(pomAll(release + "[artifactId='maven-gpg-plugin']/executions/execution/goals/goal"))
                .containsExactly("sign");
        assertThat(pomAll(release + "[artifactId='central-publishing-maven-plugin']/groupId"))
                .containsExactly("org.sonatype.central");
        assertThat(pomAll(release + "[artifactId='central-publishing-maven-plugin']/extensions")).containsExactly("true");
        assertThat(pomAll(release + "[artifactId='central-publishing-maven-plugin']/configuration/publishingServerId"))
                .containsExactly("central");
    }

    /** Every pom that builds a jar fixes its entries' time, and the two that build the shipped jars fail on skew. */
    @Test
    void shouldFixTheOutputTimestampInEveryPom_andEnforceConvergedDependencies() throws Exception {
        String timestamp = pom("/project/properties/project.build.outputTimestamp");
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        for (String other : List.of("lambda-src/pom.xml", "examples/existing-stack/pom.xml",
                "examples/standalone-constructs/pom.xml")) {
            assertThat(Files.readString(Path.of(other))).as(other)
                    .contains("<project.build.outputTimestamp>" + timestamp + "</project.build.outputTimestamp>");
        }
        for (String build : List.of("pom.xml", "lambda-src/pom.xml")) {
            assertThat(Files.readString(Path.of(build))).as(build).contains("<dependencyConvergence/>",
                    "<requireUpperBoundDeps/>");
        }
    }

    @Test
    void shouldReleaseOnAVersionTagWithTheSecretsTheReadmeNames() throws Exception {
        String workflow = Files.readString(Path.of(".github/workflows/release.yml"));
        String readme = Files.readString(Path.of("README.md"));

        assertThat(workflow).contains("tags: [\"v*.*.*\"]", "run: mvn -B -ntp -Prelease deploy", "server-id: central");
        for (String secret : List.of("MAVEN_CENTRAL_USERNAME", "MAVEN_CENTRAL_PASSWORD", "MAVEN_GPG_KEY",
                "MAVEN_GPG_PASSPHRASE")) {
            assertThat(workflow).contains(secret + ": ${{ secrets." + secret + " }}");
            assertThat(readme).contains("`" + secret + "`");
        }
    }

    @Test
    void shouldObtainTheLibraryInTheExampleWorkflowAsTheReadmeSays() throws Exception {
        String workflow = Files.readString(Path.of("examples/ci/github-workflow.yml"));
        String version = pom("/project/version");
        String cli = packageJson.path("devDependencies").path("aws-cdk").asText();

        assertThat(workflow).contains("INCIDENT_PIPELINE_VERSION: \"" + version + "\"")
                .contains("ref: v${{ env.INCIDENT_PIPELINE_VERSION }}")
                .contains("npx --yes aws-cdk@" + cli + " synth --quiet");
        assertThat(workflow.indexOf("-DskipTests install -f .incident-pipeline/pom.xml"))
                .isPositive().isLessThan(workflow.indexOf("run: mvn -B -ntp verify"));
        assertThat(Files.readString(Path.of("README.md"))).contains("checks out the tag `v" + version + "`")
                .contains("io.incidentpipeline:incident-pipeline:" + version);
    }

    @Test
    void shouldReplaceOnlyThisVersionInTheLocalRepository() throws Exception {
        assertThat(pomAll("/project/build/plugins/plugin[artifactId='maven-clean-plugin']/executions"
                + "/execution[id='forget-installed-artifact']/configuration/filesets/fileset/directory"))
                .containsExactly("${settings.localRepository}/io/incidentpipeline/incident-pipeline/${project.version}");
    }

    @Test
    void shouldRunInCiWhatTheReadmeSaysNpmTestIs() throws Exception {
        String test = packageJson.path("scripts").path("test").asText();

        assertThat(test).isEqualTo("mvn -B -ntp verify");
        assertThat(Files.readString(Path.of("README.md"))).contains("`npm test` is `" + test + "`");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("npm ci && npm test");
    }

    @Test
    void shouldSayHowToReportAVulnerabilityAndHowToContribute() throws Exception {
        assertThat(Files.readString(Path.of("SECURITY.md")))
                .contains("## Reporting a vulnerability", "## Supported versions", "## Scope", "signing keys",
                        "remediations");
        assertThat(Files.readString(Path.of("CONTRIBUTING.md"))).contains("npm ci && npm test", "SECURITY.md");
    }
}
