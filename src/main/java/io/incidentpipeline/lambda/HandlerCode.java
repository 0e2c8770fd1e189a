package io.incidentpipeline.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployable jar of the Lambda handlers, shipped inside this library as a classpath resource
 * and staged as a CDK asset at synth. Consumers of the library need no build step of their own.
 */
public final class HandlerCode {
    /** Where the root build copies {@code lambda-src/target/incident-pipeline-handlers.jar}. */
    static final String RESOURCE = "/io/incidentpipeline/handlers/incident-pipeline-handlers.jar";

    private static Path jar;

    private HandlerCode() {
    }

    /**
     * @return the handlers' jar as Lambda code. An asset belongs to one stack, so each call makes a new
     *         one; the jar is located (and copied out of this library's jar) once per JVM, and every
     *         function of a stack shares one uploaded asset since they hash alike.
     * @throws IllegalStateException when the jar is not on the classpath (the build did not run)
     */
    public static synchronized Code bundledJar() {
        if (jar == null) {
            jar = locate();
        }
        return Code.fromAsset(jar.toString());
    }

    private static Path locate() {
        URL url = HandlerCode.class.getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("The Lambda handlers' jar " + RESOURCE + " is not on the classpath."
                    + " Build it with `mvn package` in the repository root (it builds lambda-src/ first).");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // Inside the library's own jar: copy it out, since a CDK asset must be a file on disk.
            Path copy = Files.createTempDirectory("incident-pipeline-handlers").resolve("handlers.jar");
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the Lambda handlers' jar from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of the Lambda handlers' jar: " + url, e);
        }
    }
}
