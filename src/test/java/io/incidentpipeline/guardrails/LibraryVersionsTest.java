package io.incidentpipeline.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The gate refuses to run on the dependency versions a consumer's pom may force on it. */
class LibraryVersionsTest {
    @Test
    void shouldReadTheVersionsThisBuildResolved() {
        assertThat(LibraryVersions.versionOf("software.amazon.awscdk", "aws-cdk-lib")).isEqualTo("2.272.0");
        assertThat(LibraryVersions.versionOf("io.github.cdklabs", "cdknag")).startsWith("3.");
        assertThatCode(LibraryVersions::check).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseCdkNag2_namingTheSupportedLine() {
        assertThatThrownBy(() -> LibraryVersions.check("2.272.0", "2.37.55"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs cdk-nag 3.x").hasMessageContaining("2.37.55 is on the classpath")
                .hasMessageContaining("3.0.2");
    }

    /** What a pom that pins cdk-nag 2.x resolves: its own older aws-cdk-lib too, both named in one error. */
    @Test
    void shouldNameBothProblemsAtOnce_cdkNag2BringsAnOlderAwsCdkLib() {
        assertThatThrownBy(() -> LibraryVersions.check("2.263.0", "2.37.55"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aws-cdk-lib 2.272.0 or later, but 2.263.0 is on the classpath")
                .hasMessageContaining("needs cdk-nag 3.x").hasMessageContaining("2.37.55 is on the classpath")
                .hasMessageContaining("<scope>import</scope>");
    }

    @Test
    void shouldRefuseAnAwsCdkLibThatAppliesAcknowledgmentsAppWide() {
        assertThatThrownBy(() -> LibraryVersions.check("2.263.0", "3.0.2"))
                .hasMessageContaining("aws-cdk-lib 2.272.0 or later").hasMessageContaining("2.263.0 is on the classpath");
        assertThatCode(() -> LibraryVersions.check("2.280.1", "3.1.0")).doesNotThrowAnyException();
        assertThatCode(() -> LibraryVersions.check(null, null)).doesNotThrowAnyException();
    }

    @Test
    void shouldCompareVersionsNumerically() {
        assertThat(LibraryVersions.compare("2.272.0", "2.99.9")).isPositive();
        assertThat(LibraryVersions.compare("2.272.0", "2.272.0")).isZero();
        assertThat(LibraryVersions.compare("2.1000.0-rc.1", "2.272.0")).isPositive();
    }
}
