/**
 * IAM's policy evaluation, as the fakes need it to decide like AWS: a role's trust policy for the principal asking to
 * assume it ({@link dev.billingidentity.testing.aws.iam.TrustPolicyEvaluator}), and a role's permission policies for
 * an action on a resource ({@link dev.billingidentity.testing.aws.iam.PermissionPolicyEvaluator}), with the
 * {@code Condition} element evaluated as IAM's documentation says ({@link dev.billingidentity.testing.aws.iam.Conditions}).
 * The contract kit {@code TrustEvaluationContract} binds it, case by case, to the documentation's rules.
 */
package dev.billingidentity.testing.aws.iam;
