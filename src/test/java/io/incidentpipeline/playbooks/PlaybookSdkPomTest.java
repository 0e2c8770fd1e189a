package io.incidentpipeline.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The playbook SDK (playbook-sdk/pom.xml) ships with the library: the same version, what Maven
 * Central requires, sources and Javadoc jars, released by the same workflow, and built from sources
 * that exist.
 */
class PlaybookSdkPomTest {
    private static final Path SDK_POM = Path.of("playbook-sdk", "pom.xml");
    private static XPath xpath;
    private static Document sdk;
    private static Document library;

    @BeforeAll
    static void readPoms() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        sdk = factory.newDocumentBuilder().parse(SDK_POM.toFile());
        library = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        xpath = XPathFactory.newInstance().newXPath();
    }

    private static List<String> all(Document pom, String path) throws Exception {
        NodeList nodes = (NodeList) xpath.evaluate(path, pom, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().strip());
        }
        return values;
    }

    @Test
    void shouldHaveTheLibrarysVersion() throws Exception {
        String version = xpath.evaluate("/project/version", library).strip();
        assertThat(xpath.evaluate("/project/version", sdk).strip())
                .as("%s's version: set it with mvn -f %s versions:set -DnewVersion=%s", SDK_POM, SDK_POM, version)
                .isEqualTo(version);
    }

    @Test
    void shouldCarryWhatMavenCentralRequires_andItsSourcesAndJavadoc() throws Exception {
        for (String element : List.of("name", "description", "url", "licenses/license/url", "scm/connection",
                "scm/developerConnection", "scm/url", "developers/developer/name",
                "properties/project.build.outputTimestamp")) {
            assertThat(all(sdk, "/project/" + element)).as(element).hasSize(1).allMatch(value -> !value.isBlank());
        }
        String plugins = "/project/build/plugins/plugin";
        assertThat(all(sdk, plugins + "[artifactId='maven-source-plugin']/executions/execution/goals/goal"))
                .containsExactly("jar-no-fork");
        assertThat(all(sdk, plugins + "[artifactId='maven-javadoc-plugin']/executions/execution/goals/goal"))
                .containsExactly("jar");
        assertThat(all(sdk, plugins + "[artifactId='maven-javadoc-plugin']/configuration/doclint"))
                .containsExactly("all");
    }

    @Test
    void shouldBeSignedAndPublishedByTheReleaseWorkflow() throws Exception {
        String release = "/project/profiles/profile[id='release']/build/plugins/plugin";
        assertThat(all(sdk, release + "[artifactId='maven-gpg-plugin']/executions/execution/goals/goal"))
                .containsExactly("sign");
        assertThat(all(sdk, release + "[artifactId='central-publishing-maven-plugin']/configuration/publishingServerId"))
                .containsExactly("central");
        assertThat(Files.readString(Path.of(".github/workflows/release.yml")))
                .contains("run: mvn -B -ntp -Prelease -f playbook-sdk/pom.xml deploy");
    }

    @Test
    void shouldNameOnlyHandlerSourcesThatExist() throws Exception {
        List<String> includes = all(sdk, "/project/build/plugins/plugin[artifactId='maven-resources-plugin']"
                + "/executions/execution[id='copy-runtime-sources']/configuration/resources/resource/includes/include");
        assertThat(includes).isNotEmpty();
        Path sources = Path.of("lambda-src", "src", "main", "java");
        for (String include : includes.stream().filter(i -> !i.contains("*")).toList()) {
            assertThat(sources.resolve(include))
                    .as("%s copies %s into the SDK; lambda-src no longer has it: update the list", SDK_POM, include)
                    .isRegularFile();
        }
    }
}
