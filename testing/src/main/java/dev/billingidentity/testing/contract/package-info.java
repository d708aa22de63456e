/**
 * Contract test kits: abstract JUnit 5 classes that state what every implementation of a port must do, so that the
 * in-memory fakes, the real adapters and independent emulators are held to one standard and cannot drift apart.
 * Extend a kit with the implementation under test (and, for what a port cannot create itself, the kit's abstract
 * seeding methods or a {@link dev.billingidentity.testing.contract.ClusterFixture}).
 *
 * <table>
 *   <caption>Kits and where they can run</caption>
 *   <tr><th>kit</th><th>port</th><th>moto 5.2.1</th></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.IamPortContract}</td><td>IAM</td><td>yes</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.StsPortContract}</td><td>STS</td><td>yes</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.EksClusterContract}</td><td>EKS</td><td>yes</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.S3PortContract}</td><td>S3</td><td>all but another
 *       account's bucket, S3's default encryption and unknown credentials</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.IamValidationContract}</td><td>IAM</td><td>no</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.IamQuotaContract}</td><td>IAM</td><td>no</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.TrustPolicyQuotaContract}</td><td>IAM</td><td>no</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.PodIdentityAssociationContract}</td><td>EKS, IAM</td>
 *       <td>no</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.AssociationQuotaContract}</td><td>EKS, IAM</td>
 *       <td>no</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.ClusterPortContract}</td><td>cluster</td><td>n/a</td></tr>
 *   <tr><td>{@link dev.billingidentity.testing.contract.TrustEvaluationContract}</td><td>IAM's trust evaluation
 *       (the evaluator, the fake STS)</td><td>no: moto's STS checks neither token nor trust</td></tr>
 * </table>
 */
package dev.billingidentity.testing.contract;
