package io.incidentpipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentpipeline.IncidentPipeline;
import io.incidentpipeline.IncidentPipelineProps;
import io.incidentpipeline.playbooks.PlaybookProps;
import io.incidentpipeline.routing.IncidentPattern;
import io.incidentpipeline.store.IncidentStore;
import io.incidentpipeline.store.IncidentStoreProps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.Runtime;

/**
 * A table encrypted with the user's own key: every role the pipeline grants on the table gets the
 * key too, or its first read or write is denied at run time (nothing at synth would say so).
 */
class CustomerManagedKeyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode resources;
    private static String keyId;
    private static String tableId;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        Stack stack = new Stack(app, "Payments", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        Key key = Key.Builder.create(stack, "TableKey").enableKeyRotation(true).build();
        IncidentStore store = new IncidentStore(stack, "Store", IncidentStoreProps.builder()
                .encryption(TableEncryptionV2.customerManagedKey(key)).build());
        IncidentPipeline pipeline = new IncidentPipeline(stack, "Pipeline", IncidentPipelineProps.builder().store(store)
                .disposable(true).build());
        // Playbooks of the user's: one of this app, one imported with its role.
        pipeline.addPlaybook("Yours", PlaybookProps.builder().pattern(IncidentPattern.builder().build())
                .handler(Function.Builder.create(stack, "Yours").runtime(Runtime.PYTHON_3_14).handler("index.handler")
                        .code(Code.fromInline("def handler(e, c): pass")).build())
                .build());
        pipeline.addPlaybook("Imported", PlaybookProps.builder().pattern(IncidentPattern.builder().build())
                .handler(Function.fromFunctionAttributes(stack, "Imported", FunctionAttributes.builder()
                        .functionArn("arn:aws:lambda:eu-west-1:123456789012:function:imported")
                        .role(Role.fromRoleArn(stack, "ImportedRole", "arn:aws:iam::123456789012:role/imported"))
                        .sameEnvironment(true).build()))
                .playbookName("imported")
                .build());
        resources = JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources");
        keyId = stack.resolve(((software.amazon.awscdk.services.kms.CfnKey) key.getNode().getDefaultChild()).getLogicalId()).toString();
        tableId = stack.resolve(((software.amazon.awscdk.CfnResource) store.getNode().findChild("Resource").getNode()
                .getDefaultChild()).getLogicalId()).toString();
    }

    @Test
    void shouldGrantTheKeyToEveryPolicyThatGrantsTheTable() {
        List<String> policiesWithTable = new ArrayList<>();
        List<String> missingKey = new ArrayList<>();
        resources.fields().forEachRemaining(entry -> {
            if (!"AWS::IAM::Policy".equals(entry.getValue().path("Type").asText())) {
                return;
            }
            JsonNode statements = entry.getValue().path("Properties").path("PolicyDocument").path("Statement");
            boolean grantsTable = false;
            boolean grantsKeyDecrypt = false;
            for (JsonNode statement : statements) {
                String text = statement.toString();
                if (text.contains("\"dynamodb:") && text.contains(tableId)) {
                    grantsTable = true;
                }
                if (text.contains("kms:Decrypt") && text.contains(keyId)) {
                    grantsKeyDecrypt = true;
                }
            }
            if (grantsTable) {
                policiesWithTable.add(entry.getKey());
                if (!grantsKeyDecrypt) {
                    missingKey.add(entry.getKey());
                }
            }
        });
        assertThat(policiesWithTable).hasSizeGreaterThanOrEqualTo(4)
                .anyMatch(id -> id.startsWith("YoursServiceRoleDefaultPolicy"))
                .anyMatch(id -> id.startsWith("ImportedRolePolicy"));
        assertThat(missingKey).as("policies granting the table but not its key").isEmpty();
    }

    @Test
    void shouldGrantEncryptOnlyWhereTheTableIsWritten() {
        resources.forEach(resource -> {
            if (!"AWS::IAM::Policy".equals(resource.path("Type").asText())) {
                return;
            }
            String policy = resource.path("Properties").path("PolicyDocument").toString();
            boolean writesTable = policy.matches(".*dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem).*") && policy.contains(tableId);
            if (!writesTable && policy.contains(keyId)) {
                assertThat(policy).doesNotContain("kms:Encrypt");
            }
        });
    }
}
