/**
 * The synth-time cost estimator: from the CloudFormation templates of one stage, the idle cost a
 * month and the cost per million alerts of every resource, against a dated, sourced price table
 * and a documented traffic model.
 *
 * <p>Pure Java on template JSON (no CDK or jsii calls), so it runs on any {@code cdk.out}, on the
 * stacks its {@code manifest.json} lists (a template an earlier synth left there is not read):
 * {@link io.incidentpipeline.cost.estimate.CostEstimateCommand} prints the estimate and
 * {@link io.incidentpipeline.cost.estimate.CostReport#writeTo} writes {@code cost-estimate.json}
 * and {@code cost-estimate.md} beside the templates.
 */
package io.incidentpipeline.cost.estimate;
