package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::ApiGateway::RestApi} and the HTTP flavour of {@code AWS::ApiGatewayV2::Api}: one
 * request per alert and per health-check probe. A traced REST stage starts the request's X-Ray
 * trace, so the traces are charged here (the ingest function's segment joins the same trace).
 */
final class ApiModel implements ResourceModel {
    /** A REST API. */
    static final String REST = "AWS::ApiGateway::RestApi";
    /** An HTTP or WebSocket API. */
    static final String V2 = "AWS::ApiGatewayV2::Api";

    @Override
    public ModelCost cost(TemplateResource api, EstimateContext ctx) {
        boolean rest = api.type().equals(REST);
        if (!rest && !"HTTP".equals(api.text("ProtocolType").orElse(""))) {
            return ModelCost.notPriced("a " + api.text("ProtocolType").orElse("non-HTTP") + " API");
        }
        double perRequest = ctx.price(rest ? Price.API_REST_REQUESTS : Price.API_HTTP_REQUESTS);
        double share = ctx.alertShare(api.stack());
        double perMillion = share * perRequest;
        String note = (rest ? "REST" : "HTTP") + " API: 1 request per alert" + Notes.share(share) + " at "
                + Notes.usd(perRequest) + " per million";
        if (rest && ctx.apiTraced(api.stack())) {
            double xray = ctx.xrayPerMillion(share);
            perMillion += xray;
            note += "; the stage traces requests: X-Ray " + Notes.usd(xray);
        }
        return ModelCost.priced(0, perMillion, note).withPerProbe(perRequest / Units.MILLION);
    }
}
