package dev.billingidentity.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.billingidentity.aws.BillingStorage;
import dev.billingidentity.plan.ChangeJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Space's Helm values for billing with workload identity. They are Space-wide: one role ARN annotation serves
 * every control plane's {@code vector} service account (IRSA); Pod Identity needs no annotation.
 * {@code billing.storage.secretRef.name} must be the empty string, or vector keeps looking for static keys.
 */
public final class HelmValues {
  /** The service account annotation IRSA's webhook reads (the guide's prose misspells it). */
  public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

  private final BillingStorage storage;
  private final String roleArnAnnotation;

  private HelmValues(BillingStorage storage, String roleArnAnnotation) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.roleArnAnnotation = roleArnAnnotation;
  }

  /** Values for IRSA: billing storage and the role-ARN annotation on vector's service account. */
  public static HelmValues irsa(BillingStorage storage, String roleArn) {
    return new HelmValues(storage, Objects.requireNonNull(roleArn, "roleArn"));
  }

  /** Values for Pod Identity: billing storage, no annotation. */
  public static HelmValues podIdentity(BillingStorage storage) {
    return new HelmValues(storage, null);
  }

  /** The values of {@code mode}: with the role-ARN annotation for IRSA, without for Pod Identity. */
  public static HelmValues of(dev.billingidentity.IdentityMode mode, BillingStorage storage, String roleArn) {
    return mode == dev.billingidentity.IdentityMode.IRSA ? irsa(storage, roleArn) : podIdentity(storage);
  }

  /** {@return the role ARN annotated on vector's service account (IRSA only)} */
  public Optional<String> roleArnAnnotation() {
    return Optional.ofNullable(roleArnAnnotation);
  }

  /**
   * The {@code --set} flags exactly as the guide writes them, one per element, e.g.
   * {@code --set "billing.storage.secretRef.name="} and
   * {@code --set controlPlanes.vector.serviceAccount.customAnnotations."eks\.amazonaws\.com/role-arn"="arn:..."}.
   */
  public List<String> setFlags() {
    List<String> flags = new ArrayList<>();
    flags.add("--set \"billing.enabled=true\"");
    flags.add("--set \"billing.storage.provider=aws\"");
    flags.add("--set \"billing.storage.aws.region=" + storage.region() + "\"");
    flags.add("--set \"billing.storage.aws.bucket=" + storage.bucket() + "\"");
    flags.add("--set \"billing.storage.secretRef.name=\"");
    if (roleArnAnnotation != null) {
      flags.add("--set controlPlanes.vector.serviceAccount.customAnnotations.\"eks\\.amazonaws\\.com/role-arn\"=\""
          + roleArnAnnotation + "\"");
    }
    return flags;
  }

  /** {@return the same values as a values file (YAML)} */
  public String toYaml() {
    StringBuilder y = new StringBuilder();
    y.append("billing:\n")
        .append("  enabled: true\n")
        .append("  storage:\n")
        .append("    provider: aws\n")
        .append("    aws:\n")
        // Quoted: a valid bucket name such as 20240101 or true would otherwise be read as a number or a boolean.
        .append("      region: \"").append(storage.region()).append("\"\n")
        .append("      bucket: \"").append(storage.bucket()).append("\"\n")
        .append("    secretRef:\n")
        .append("      name: \"\"\n");
    if (roleArnAnnotation != null) {
      y.append("controlPlanes:\n")
          .append("  vector:\n")
          .append("    serviceAccount:\n")
          .append("      customAnnotations:\n")
          .append("        ").append(ROLE_ARN_ANNOTATION).append(": \"").append(roleArnAnnotation).append("\"\n");
    }
    return y.toString();
  }

  /** {@return the same values as a JSON tree (what {@code helm get values -o json} would show)} */
  public ObjectNode toJson() {
    ObjectNode root = ChangeJson.MAPPER.createObjectNode();
    ObjectNode billing = root.putObject("billing");
    billing.put("enabled", true);
    ObjectNode st = billing.putObject("storage");
    st.put("provider", "aws");
    st.putObject("aws").put("region", storage.region()).put("bucket", storage.bucket());
    st.putObject("secretRef").put("name", "");
    if (roleArnAnnotation != null) {
      root.putObject("controlPlanes").putObject("vector").putObject("serviceAccount")
          .putObject("customAnnotations").put(ROLE_ARN_ANNOTATION, roleArnAnnotation);
    }
    return root;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HelmValues h && storage.equals(h.storage) && Objects.equals(roleArnAnnotation, h.roleArnAnnotation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(storage, roleArnAnnotation);
  }

  @Override
  public String toString() {
    return String.join(" \\\n  ", setFlags());
  }
}
