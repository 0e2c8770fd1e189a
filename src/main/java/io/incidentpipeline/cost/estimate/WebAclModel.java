package io.incidentpipeline.cost.estimate;

/**
 * {@code AWS::WAFv2::WebACL}: the web ACL and its rules every month, and every request it inspects
 * once a {@code AWS::WAFv2::WebACLAssociation} attaches it (to the REST API: every alert and every
 * health-check probe).
 */
final class WebAclModel implements ResourceModel {
    @Override
    public ModelCost cost(TemplateResource acl, EstimateContext ctx) {
        int rules = acl.property("Rules").size();
        double idle = ctx.price(Price.WAF_WEB_ACL) + rules * ctx.price(Price.WAF_RULE);
        boolean associated = ctx.referrers(acl).stream()
                .anyMatch(r -> r.type().equals("AWS::WAFv2::WebACLAssociation"));
        String note = "web ACL + " + rules + " rule(s) a month (managed groups such as Bot Control bill extra)";
        if (!associated) {
            return ModelCost.priced(idle, 0, note + "; not associated in these templates: no request charge");
        }
        double perRequest = ctx.price(Price.WAF_REQUESTS);
        double share = ctx.alertShare(acl.stack());
        return ModelCost.priced(idle, share * perRequest, note + "; inspects every API request" + Notes.share(share))
                .withPerProbe(perRequest / Units.MILLION);
    }
}
