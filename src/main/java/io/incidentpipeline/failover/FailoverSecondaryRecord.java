package io.incidentpipeline.failover;

import io.incidentpipeline.PropsChecks;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.Failover;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.constructs.Construct;

/**
 * The SECONDARY record of {@link Routing#FAILOVER} routing: the shared hostname as an alias to
 * {@code standby.<domain>}, the latency set the standby regions' {@link RegionalEndpoint}s create.
 *
 * <p>Route 53 refuses an alias to a record that does not exist yet, so this record must be created
 * after every standby region's record: put it in a stack that depends on the standby regions' stacks
 * (the app's {@code IncidentPipeline-<stage>-failover} stack), never in the primary region's stack,
 * which the standby stacks depend on.
 */
public final class FailoverSecondaryRecord extends Construct {
    private final ARecord record;

    /**
     * Creates the secondary failover record, an alias of the standby region's record.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props the hosted zone and the domain name, both required
     * @throws NullPointerException when {@code props} is null
     */
    public FailoverSecondaryRecord(Construct scope, String id, FailoverSecondaryRecordProps props) {
        super(scope, id);
        PropsChecks.required(props, "FailoverSecondaryRecordProps are required: zone and domainName");
        record = ARecord.Builder.create(this, "Resource")
                .zone(props.getZone())
                .recordName(props.getDomainName())
                .target(RecordTarget.fromAlias(AliasTarget.record(props.getZone(), RegionalEndpoint.standbyName(props.getDomainName()))))
                .failover(Failover.SECONDARY).setIdentifier("secondary")
                .build();
    }

    /** @return the record */
    public ARecord getRecord() {
        return record;
    }
}
