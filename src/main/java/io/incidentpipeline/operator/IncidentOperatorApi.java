package io.incidentpipeline.operator;

import io.incidentpipeline.guardrails.Guardrails;
import io.incidentpipeline.lambda.JavaHandlerFunction;
import io.incidentpipeline.lambda.JavaHandlerFunctionProps;
import io.incidentpipeline.store.IIncidentStore;
import io.incidentpipeline.store.IncidentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The operator API on an existing REST API: {@code GET /incidents} (by status and service, paged
 * with sealed cursors), {@code GET /incidents/stats} (counts and MTTA/MTTR percentiles of a window),
 * {@code GET /incidents/{incidentId}} (with its timeline), {@code POST /incidents/{incidentId}/acknowledge}
 * and {@code /resolve}, and the silences: {@code GET} and {@code POST /silences},
 * {@code DELETE /silences/{silenceId}}. Every method is IAM-authorized: callers sign with SigV4, and
 * {@link #grantRead} / {@link #grantOperate} give a role exactly the methods it needs.
 *
 * <p>The function's permissions are {@code dynamodb:Query} on the table and its three listing
 * indexes, {@code GetItem}, {@code BatchGetItem} (the statistics' response times) and
 * {@code UpdateItem} on the table, and reading the cursor secret: no Scan, no writes but
 * transitions and silences.
 */
public final class IncidentOperatorApi extends Construct {
    private static final String HANDLER = "io.incidentpipeline.handlers.operator.OperatorApiHandler::handleRequest";
    private static final String IAM_REASON = "IAM (SigV4) authorization: operators and their automation call with"
            + " IAM roles, which grantRead/grantOperate scope to the methods they need; a Cognito pool would be a"
            + " second identity store to run.";

    private final JavaHandlerFunction function;
    private final ISecret cursorSecret;
    private final List<Method> readMethods;
    private final List<Method> transitionMethods;

    /**
     * Adds the operator methods to the intake API, with their function and, unless one is given,
     * the secret that signs page cursors.
     *
     * @param scope the construct this one is created in
     * @param id the construct id, unique within {@code scope}
     * @param props its configuration; {@code store} and the API are required
     */
    public IncidentOperatorApi(Construct scope, String id, IncidentOperatorApiProps props) {
        super(scope, id);
        IIncidentStore store = props.getStore();
        cursorSecret = props.getCursorSecret() != null ? props.getCursorSecret()
                : new CursorSecret(this, "CursorSecret", null, props.getCursorSecretReplicaRegions(),
                        props.getRemovalPolicy()).getSecret();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TABLE_NAME", store.getTable().getTableName());
        environment.put("CURSOR_SECRET_ARN", cursorSecret.getSecretArn());
        environment.put("STATUS_INDEX_NAME", IncidentStore.STATUS_INDEX);
        environment.put("SERVICE_INDEX_NAME", IncidentStore.SERVICE_INDEX);
        environment.put("ID_INDEX_NAME", IncidentStore.ID_INDEX);
        function = new JavaHandlerFunction(this, "Function", JavaHandlerFunctionProps.builder()
                .handler(HANDLER)
                .description("Operator API: lists, reads, acknowledges and resolves incidents")
                .memorySize(props.getMemorySize())
                .timeout(Duration.seconds(10))
                .environment(environment)
                .logRetention(props.getLogRetention())
                .logRemovalPolicy(props.getRemovalPolicy())
                .build());
        store.grantQuery(function, IncidentStore.STATUS_INDEX, IncidentStore.SERVICE_INDEX, IncidentStore.ID_INDEX);
        store.grantItemActions(function, "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem");
        cursorSecret.grantRead(function);
        String syncReason = "Invoked synchronously by API Gateway: the caller receives the error and retries;"
                + " there is no asynchronous event to keep.";
        Guardrails.acknowledge(function.getFunction(), "Serverless-LambdaDLQ", syncReason);

        LambdaIntegration integration = new LambdaIntegration(function.getAlias());
        MethodOptions iam = MethodOptions.builder().authorizationType(AuthorizationType.IAM).build();
        IResource incidents = props.getApi().getRoot().addResource("incidents");
        IResource incident = incidents.addResource("{incidentId}");
        IResource silences = props.getApi().getRoot().addResource("silences");
        readMethods = List.of(incidents.addMethod("GET", integration, iam), incident.addMethod("GET", integration, iam),
                incidents.addResource("stats").addMethod("GET", integration, iam),
                silences.addMethod("GET", integration, iam));
        transitionMethods = List.of(
                incident.addResource("acknowledge").addMethod("POST", integration, iam),
                incident.addResource("resolve").addMethod("POST", integration, iam),
                silences.addMethod("POST", integration, iam),
                silences.addResource("{silenceId}").addMethod("DELETE", integration, iam));
        readMethods.forEach(method -> Guardrails.acknowledge(method, "AwsSolutions-COG4", IAM_REASON));
        transitionMethods.forEach(method -> Guardrails.acknowledge(method, "AwsSolutions-COG4", IAM_REASON));
    }

    /**
     * Lets {@code grantee} list and read incidents, their statistics and the silences
     * ({@code execute-api:Invoke} on the GET methods).
     *
     * @param grantee the principal, e.g. an operator role
     * @return the grant
     */
    public Grant grantRead(IGrantable grantee) {
        return grantInvoke(grantee, readMethods);
    }

    /**
     * Lets {@code grantee} do everything: read, acknowledge and resolve incidents, create and delete
     * silences (every method).
     *
     * @param grantee the principal, e.g. an on-call role
     * @return the grant
     */
    public Grant grantOperate(IGrantable grantee) {
        List<Method> all = new ArrayList<>(readMethods);
        all.addAll(transitionMethods);
        return grantInvoke(grantee, all);
    }

    private Grant grantInvoke(IGrantable grantee, List<Method> methods) {
        Grant grant = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("execute-api:Invoke"))
                .resourceArns(methods.stream().map(Method::getMethodArn).toList())
                .build());
        // A method ARN ends in "*" where the path has {incidentId}: the one wildcard, acknowledged where it lands.
        IConstruct policy = grantee.getGrantPrincipal() instanceof IConstruct principal
                ? principal.getNode().tryFindChild("DefaultPolicy") : null;
        if (policy != null) {
            methods.stream()
                    .filter(method -> method.getResource().getPath().contains("{"))
                    .forEach(method -> Guardrails.acknowledge(policy, "AwsSolutions-IAM5[Resource::"
                            + findingArn(method) + "]", "The wildcard stands for the path parameter of this one method"
                            + " and stage (an incident or silence id): any of them, one action."));
        }
        return grant;
    }

    /** The method's ARN as cdk-nag renders it in a finding: references as {@code <LogicalId>}. */
    private static String findingArn(Method method) {
        Stack stack = Stack.of(method);
        String api = "<" + stack.resolve(((CfnElement) method.getApi().getNode().getDefaultChild()).getLogicalId()) + ">";
        String stage = "<" + stack.resolve(((CfnElement) method.getApi().getDeploymentStage().getNode().getDefaultChild())
                .getLogicalId()) + ">";
        String path = method.getResource().getPath().replaceAll("\\{[^}]*}", "*");
        return Guardrails.findingArn(stack, "execute-api", true, api + "/" + stage + "/" + method.getHttpMethod() + path);
    }

    /** @return the API's function (invoke its {@code live} alias) */
    public JavaHandlerFunction getFunction() {
        return function;
    }

    /** @return the secret that keys the pagination cursors */
    public ISecret getCursorSecret() {
        return cursorSecret;
    }
}
