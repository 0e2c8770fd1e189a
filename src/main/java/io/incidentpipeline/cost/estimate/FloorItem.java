package io.incidentpipeline.cost.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * One request charge of the price floor: what a single alert cannot cost less than on the hot path
 * these templates build (one API request, one ingest invocation, one write unit per table replica,
 * the claim of its delivery id for the share that carries one — recording a delivery at most once
 * takes a remembered id — and one bus event), with no duration, logs or tracing.
 *
 * @param item        what is charged, e.g. {@code DynamoDB write × 3 replicas (Store)}
 * @param perMillionAlertsUsd its request price per million alerts
 */
public record FloorItem(String item, double perMillionAlertsUsd) {

    /** @return the floor's items for the hot-path services present in these templates */
    static List<FloorItem> of(EstimateContext ctx) {
        List<FloorItem> items = new ArrayList<>();
        if (ctx.count(ApiModel.REST) > 0) {
            items.add(new FloorItem("API Gateway REST API request", ctx.price(Price.API_REST_REQUESTS)));
        } else if (ctx.count(ApiModel.V2) > 0) {
            items.add(new FloorItem("API Gateway HTTP API request", ctx.price(Price.API_HTTP_REQUESTS)));
        }
        if (ctx.count(HandlerRole.INGEST) > 0) {
            items.add(new FloorItem("Lambda request (ingest)", ctx.price(Price.LAMBDA_REQUESTS)));
        }
        for (TemplateResource r : ctx.resources()) {
            if (TableModel.TYPES.contains(r.type())) {
                int replicas = TableModel.replicas(r);
                items.add(new FloorItem("DynamoDB write × " + replicas + " replica(s) (" + r.logicalId() + ")",
                        replicas * ctx.price(Price.DYNAMODB_WRITE_REQUEST_UNITS)));
                double claims = ctx.value(Assumption.DELIVERY_ID_SHARE);
                if (claims > 0) {
                    items.add(new FloorItem("DynamoDB delivery id claim × " + Notes.n(claims) + " × " + replicas
                            + " replica(s) (" + r.logicalId() + ")",
                            claims * replicas * ctx.price(Price.DYNAMODB_WRITE_REQUEST_UNITS)));
                }
            }
        }
        if (ctx.count("AWS::Events::EventBus") > 0) {
            items.add(new FloorItem("EventBridge custom event", ctx.price(Price.EVENTS_CUSTOM)));
        }
        return List.copyOf(items);
    }
}
