package dev.billingidentity.role;

import dev.billingidentity.aws.IamRole;
import dev.billingidentity.plan.TrustCapacity;
import dev.billingidentity.policy.PolicyDocument;
import java.util.function.Function;

/**
 * What the billing role should be: the strategy's trust edit, the S3 policy, and the rules to apply them by.
 *
 * @param role the role's name, path and guardrails
 * @param cluster the EKS cluster (for the ownership tags)
 * @param description the role's description when created, unless the role names one
 * @param permissionPolicyName the name of the library's inline policy
 * @param permissionPolicy the S3 permission policy
 * @param trustEdit the strategy's change to the trust policy
 * @param trustPolicyQuota the account's trust policy size quota
 * @param capacityOf how to measure a trust policy against the quota
 * @param adoptExistingRole whether a role that is not the library's may be taken over
 * @param repairPermissionsBoundary whether the permissions boundary of an existing role may be changed
 */
public record RoleTarget(
    IamRole role,
    String cluster,
    String description,
    String permissionPolicyName,
    PolicyDocument permissionPolicy,
    TrustEdit trustEdit,
    int trustPolicyQuota,
    Function<PolicyDocument, TrustCapacity> capacityOf,
    boolean adoptExistingRole,
    boolean repairPermissionsBoundary) {}
