package io.incidentpipeline.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The deployable jars of the Lambda handlers ({@link HandlerJar}), shipped inside this library as
 * classpath resources and staged as CDK assets at synth. Consumers of the library need no build
 * step of their own.
 */
public final class HandlerCode {
    /** Where the root build copies the jars of {@code lambda-src/target}. */
    static final String RESOURCE_DIRECTORY = "/io/incidentpipeline/handlers/";

    private static final Map<HandlerJar, Path> JARS = new EnumMap<>(HandlerJar.class);

    private HandlerCode() {
    }

    /**
     * @param jar which deployable jar
     * @return the jar as Lambda code. An asset belongs to one stack, so each call makes a new one;
     *     the jar is located (and copied out of this library's jar) once per JVM, and every
     *     function of a stack that uses the same jar shares one uploaded asset since they hash alike.
     * @throws IllegalStateException when the jar is not on the classpath (the build did not run)
     */
    public static synchronized Code of(HandlerJar jar) {
        return Code.fromAsset(JARS.computeIfAbsent(jar, HandlerCode::locate).toString());
    }

    private static Path locate(HandlerJar jar) {
        String resource = RESOURCE_DIRECTORY + jar.getFileName();
        URL url = HandlerCode.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("The Lambda handlers' jar " + resource + " is not on the classpath."
                    + " Build it with `mvn package` in the repository root (it builds lambda-src/ first).");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // Inside the library's own jar: copy it out, since a CDK asset must be a file on disk.
            // Both the file and its folder go at exit (the JVM deletes in reverse order of registration).
            Path folder = Files.createTempDirectory("incident-pipeline-handlers");
            folder.toFile().deleteOnExit();
            Path copy = folder.resolve(jar.getFileName());
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the Lambda handlers' jar from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable location of the Lambda handlers' jar: " + url, e);
        }
    }
}
