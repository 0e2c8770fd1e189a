package io.incidentpipeline.config;

/**
 * The API's custom domain: the hostname alerts are posted to, and the Route 53 public hosted zone
 * that holds it. Each region also answers on {@code <region>.<domainName>}.
 */
public final class DomainConfig {
    private final String domainName;
    private final String hostedZoneId;
    private final String hostedZoneName;

    DomainConfig(String domainName, String hostedZoneId, String hostedZoneName) {
        this.domainName = domainName;
        this.hostedZoneId = hostedZoneId;
        this.hostedZoneName = hostedZoneName;
    }

    /** @return the shared hostname, e.g. {@code alerts.example.com} */
    public String getDomainName() {
        return domainName;
    }

    /** @return the hosted zone's id, e.g. {@code Z0123456789ABC} */
    public String getHostedZoneId() {
        return hostedZoneId;
    }

    /** @return the hosted zone's name, e.g. {@code example.com} */
    public String getHostedZoneName() {
        return hostedZoneName;
    }
}
