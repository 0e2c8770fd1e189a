package io.incidentpipeline.handlers.remediation;

import io.incidentpipeline.handlers.playbook.PlaybookAction;
import io.incidentpipeline.handlers.playbook.PlaybookIncident;
import io.incidentpipeline.handlers.playbook.PlaybookResult;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns on all four S3 Block Public Access settings of the bucket an incident names, in its
 * {@code s3Bucket} label or a {@code resourceArn} label {@code arn:aws:s3:::<bucket>}. Only the
 * bucket-level settings: the account-level ones are left alone. A bucket tagged
 * {@value RevokeOpenIngressAction#OPT_OUT_TAG}{@code =off} is not changed (the run ends
 * {@code SKIPPED}); every call names the playbook's account as the expected bucket owner, so S3
 * refuses to act on another account's bucket.
 */
public final class BlockPublicBucketAction implements PlaybookAction {
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:s3:::(.*)");
    // S3's naming rules for new buckets (3-63 characters, starting and ending with a letter or a
    // digit, no two dots in a row), checked before any call: a label is whatever an alert sent.
    private static final Pattern BUCKET_NAME = Pattern.compile("(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final String NO_SUCH_CONFIGURATION = "NoSuchPublicAccessBlockConfiguration";
    private static final String NO_SUCH_TAG_SET = "NoSuchTagSet";

    /** The four settings, in the order S3 documents them. */
    private enum Setting {
        BLOCK_PUBLIC_ACLS("BlockPublicAcls", PublicAccessBlockConfiguration::blockPublicAcls),
        IGNORE_PUBLIC_ACLS("IgnorePublicAcls", PublicAccessBlockConfiguration::ignorePublicAcls),
        BLOCK_PUBLIC_POLICY("BlockPublicPolicy", PublicAccessBlockConfiguration::blockPublicPolicy),
        RESTRICT_PUBLIC_BUCKETS("RestrictPublicBuckets", PublicAccessBlockConfiguration::restrictPublicBuckets);

        final String apiName;
        final Function<PublicAccessBlockConfiguration, Boolean> value;

        Setting(String apiName, Function<PublicAccessBlockConfiguration, Boolean> value) {
            this.apiName = apiName;
            this.value = value;
        }
    }

    private final S3Client s3;
    private final String account;

    /**
     * @param s3      the client
     * @param account the account whose buckets the playbook remediates: the expected owner of every bucket
     */
    public BlockPublicBucketAction(S3Client s3, String account) {
        this.s3 = s3;
        this.account = account;
    }

    /**
     * Reads the bucket's Block Public Access settings and, unless it is a dry run, turns on the ones
     * that are off.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 refuses (no such bucket,
     *                                                            access denied) or cannot be reached
     */
    @Override
    public PlaybookResult run(PlaybookIncident incident, boolean dryRun) {
        Target target = bucketOf(incident);
        if (!target.found()) {
            return target.result();
        }
        String bucket = target.id();
        if (optedOut(bucket)) {
            return PlaybookResult.skipped("Bucket " + bucket + " is tagged " + RevokeOpenIngressAction.OPT_OUT_TAG
                    + "=off: opted out of remediation. Nothing was changed; remove the tag to let the playbook act.");
        }
        PublicAccessBlockConfiguration current = currentSettings(bucket);
        List<String> off = Arrays.stream(Setting.values())
                .filter(setting -> !Boolean.TRUE.equals(setting.value.apply(current)))
                .map(setting -> setting.apiName)
                .toList();
        if (off.isEmpty()) {
            return PlaybookResult.succeeded("Bucket " + bucket + " already blocks all public access; nothing to change.",
                    List.of());
        }
        List<String> changes = List.of("bucket " + bucket + ": " + String.join(", ", off) + " → true");
        if (dryRun) {
            return PlaybookResult.succeeded("Dry run: would turn on " + off.size() + " of the 4 Block Public Access"
                    + " settings of bucket " + bucket + ".", changes);
        }
        s3.putPublicAccessBlock(b -> b.bucket(bucket).expectedBucketOwner(account).publicAccessBlockConfiguration(c -> c
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
        return PlaybookResult.succeeded("Turned on " + off.size() + " of the 4 Block Public Access settings of bucket "
                + bucket + "; it now blocks all public access.", changes);
    }

    private static Target bucketOf(PlaybookIncident incident) {
        String bucket = incident.labels().get("s3Bucket");
        String arn = incident.labels().get("resourceArn");
        if (bucket == null && arn == null) {
            return Target.failed("Incident " + incident.incidentId() + " names no S3 bucket: it has neither an s3Bucket"
                    + " label nor a resourceArn label arn:aws:s3:::<bucket>. GuardDuty S3 findings and Security Hub"
                    + " AwsS3Bucket findings set them.");
        }
        if (bucket == null) {
            Matcher matcher = BUCKET_ARN.matcher(arn);
            if (!matcher.matches()) {
                return Target.failed("Incident " + incident.incidentId() + " names no S3 bucket: its resourceArn label '"
                        + arn + "' is not a bucket ARN (arn:aws:s3:::<bucket>). Nothing was changed.");
            }
            bucket = matcher.group(1);
        }
        if (!BUCKET_NAME.matcher(bucket).matches()) {
            return Target.failed("Incident " + incident.incidentId() + " names bucket '" + bucket + "', which is not a"
                    + " valid S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with"
                    + " a letter or digit). Nothing was changed; fix the label the alert source sends.");
        }
        return Target.of(bucket);
    }

    /** @return whether the bucket carries the opt-out tag */
    private boolean optedOut(String bucket) {
        try {
            return s3.getBucketTagging(b -> b.bucket(bucket).expectedBucketOwner(account)).tagSet().stream()
                    .anyMatch(tag -> RevokeOpenIngressAction.OPT_OUT_TAG.equals(tag.key()) && "off".equals(tag.value()));
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && NO_SUCH_TAG_SET.equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    /** @return the bucket's settings; all unset when it has none */
    private PublicAccessBlockConfiguration currentSettings(String bucket) {
        try {
            return s3.getPublicAccessBlock(b -> b.bucket(bucket).expectedBucketOwner(account)).publicAccessBlockConfiguration();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && NO_SUCH_CONFIGURATION.equals(e.awsErrorDetails().errorCode())) {
                return PublicAccessBlockConfiguration.builder().build();
            }
            throw e;
        }
    }
}
