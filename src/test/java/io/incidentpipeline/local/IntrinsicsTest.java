package io.incidentpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The intrinsic functions the synthesized templates use, resolved to local values. */
class IntrinsicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Intrinsics intrinsics;

    @BeforeEach
    void setUp() {
        intrinsics = new Intrinsics("Stack-dev", "eu-west-1");
        intrinsics.ref("Alias", "arn:aws:lambda:eu-west-1:123456789012:function:ingest:live");
        intrinsics.ref("Table", "incidents");
        intrinsics.attribute("Queue", "Arn", "arn:aws:sqs:eu-west-1:123456789012:dlq");
    }

    private JsonNode resolve(String json) throws Exception {
        return intrinsics.resolve(JSON.readTree(json));
    }

    @Test
    void shouldResolveTheFunctionNameOfAnAliasArn_asTheEventSourceMappingWritesIt() throws Exception {
        JsonNode resolved = resolve("""
                {"Fn::Join":["",[{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"Alias"}]}]},":live"]]}""");
        assertThat(resolved.asText()).isEqualTo("ingest:live");
    }

    @Test
    void shouldResolveSubWithPseudoParametersRefsAndAttributes() throws Exception {
        JsonNode resolved = resolve("""
                {"Fn::Sub":"${AWS::Region}/${AWS::AccountId}/${Table}/${Queue.Arn}/${!Literal}"}""");
        assertThat(resolved.asText()).isEqualTo("eu-west-1/123456789012/incidents/arn:aws:sqs:eu-west-1:123456789012:dlq/${Literal}");
    }

    @Test
    void shouldResolveNestedObjects_leavingLiteralsAlone() throws Exception {
        JsonNode resolved = resolve("""
                {"Variables":{"TABLE_NAME":{"Ref":"Table"},"MAX":"65536","DLQ":{"Fn::GetAtt":["Queue","Arn"]}}}""");
        assertThat(resolved.toString()).isEqualTo(
                "{\"Variables\":{\"TABLE_NAME\":\"incidents\",\"MAX\":\"65536\",\"DLQ\":\"arn:aws:sqs:eu-west-1:123456789012:dlq\"}}");
    }

    @Test
    void shouldNameTheResourceAndAttribute_whenAReferenceHasNoLocalValue() {
        assertThatThrownBy(() -> resolve("{\"Fn::GetAtt\":[\"Queue\",\"QueueName\"]}"))
                .isInstanceOf(LocalRuntimeException.class).hasMessageContaining("Queue.QueueName");
        assertThatThrownBy(() -> resolve("{\"Ref\":\"Missing\"}"))
                .isInstanceOf(LocalRuntimeException.class).hasMessageContaining("Ref Missing");
    }

    @Test
    void shouldRefuseAnIntrinsicItDoesNotKnow_namingTheSupportedOnes() {
        assertThatThrownBy(() -> resolve("{\"Fn::ImportValue\":\"SharedTable\"}"))
                .isInstanceOf(LocalRuntimeException.class)
                .hasMessageContaining("Fn::ImportValue is not supported").hasMessageContaining("Fn::Sub");
    }
}
