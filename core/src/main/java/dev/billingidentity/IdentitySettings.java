package dev.billingidentity;

import dev.billingidentity.aws.AwsAccount;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.aws.IamRole;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What both modes need to know: the cluster, the role, the bucket, and how far the library may go. The defaults
 * here are the same for both modes' settings.
 */
public interface IdentitySettings {
  /** The default trust policy size quota of an account (quota code L-C07B4B0D). */
  int DEFAULT_TRUST_POLICY_QUOTA = 2048;
  /** The largest trust policy size quota AWS grants. */
  int MAX_TRUST_POLICY_QUOTA = 8192;
  /** The billing workload's service account in every host namespace. */
  String DEFAULT_SERVICE_ACCOUNT = "vector";
  /** The name of the library's inline S3 policy on the role. */
  String DEFAULT_PERMISSION_POLICY_NAME = "billing-identity-s3";

  /** {@return the EKS cluster hosting the Space} */
  String cluster();

  /** {@return the billing role} */
  IamRole role();

  /** {@return the bucket vector writes to} */
  BillingStorage storage();

  /** {@return the account; asked of STS when absent} */
  Optional<AwsAccount> account();

  /**
   * The account's trust policy size quota: 2,048 unless raised in Service Quotas (then say the new value here). IRSA's
   * trust grows with every control plane; Pod Identity's does not, but the role may hold others' statements too, and
   * a trust edit that would pass the quota is refused before any write.
   */
  @Value.Default
  default int trustPolicyQuota() {
    return DEFAULT_TRUST_POLICY_QUOTA;
  }

  /** {@return the workload's service account, {@code vector}} */
  @Value.Default
  default String serviceAccount() {
    return DEFAULT_SERVICE_ACCOUNT;
  }

  /** {@return the name of the library's inline S3 policy on the role, {@code billing-identity-s3}} */
  @Value.Default
  default String permissionPolicyName() {
    return DEFAULT_PERMISSION_POLICY_NAME;
  }

  /** {@return whether to remove what belongs to control planes that are gone (default yes)} */
  @Value.Default
  default boolean prune() {
    return true;
  }

  /** {@return whether a role the library did not create may be taken over (default no)} */
  @Value.Default
  default boolean adoptExistingRole() {
    return false;
  }

  /**
   * Opt-in (default no): give a discovered control plane its identity in a host namespace that Spaces did not label
   * for it, on the {@code ControlPlane}'s word alone. By default a host namespace must carry both
   * {@code internal.spaces.upbound.io/controlplane-name} and {@code internal.spaces.upbound.io/controlplane-namespace}
   * naming the control plane, since whoever may create a {@code ControlPlane} may name any namespace in
   * {@code spec.hostNamespace.name}. This widens that to an unlabelled namespace (for Spaces that do not label), except
   * a namespace labelled for another control plane, a Kubernetes system namespace ({@code default}, {@code kube-*}),
   * and a namespace that two control planes claim: those stay refused. Explicit host namespaces are not affected.
   *
   * @see dev.billingidentity.space.HostNamespaceTrust
   */
  @Value.Default
  default boolean trustUnlabelledHostNamespaces() {
    return false;
  }

  /**
   * Opt-in: let {@code apply()} change the permissions boundary of an existing role, putting the one the role names
   * ({@link IamRole#permissionsBoundary()}) when it is missing or different, and removing one the role does not name
   * (default no). A boundary is a guardrail an organisation sets, often with a service control policy; without this,
   * a missing or different boundary is a finding of {@code verify()} and a note of the plan, never a write. A role
   * the library creates always gets the boundary named, with or without this.
   */
  @Value.Default
  default boolean repairPermissionsBoundary() {
    return false;
  }

  /** {@return the mode these settings are for} */
  IdentityMode mode();
}
