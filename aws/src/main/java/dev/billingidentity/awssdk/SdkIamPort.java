package dev.billingidentity.awssdk;

import dev.billingidentity.spi.aws.IamPort;
import dev.billingidentity.spi.aws.NewOidcProvider;
import dev.billingidentity.spi.aws.NewRole;
import dev.billingidentity.spi.aws.NoSuchEntityException;
import dev.billingidentity.spi.aws.OidcProviderInfo;
import dev.billingidentity.spi.aws.RoleInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateOpenIdConnectProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** {@link IamPort} over the SDK's {@link IamClient}. */
final class SdkIamPort implements IamPort {
  private static final String SERVICE = "IAM";

  /** Made on first use: a command that asks IAM nothing builds no IAM client */
  private final Supplier<IamClient> iam;

  SdkIamPort(Supplier<IamClient> iam) {
    this.iam = iam;
  }

  @Override
  public Optional<RoleInfo> findRole(String roleName) {
    return ifExists(() -> roleInfo(call("GetRole", () -> iam.get().getRole(r -> r.roleName(roleName))).role()));
  }

  @Override
  public RoleInfo createRole(NewRole role) {
    CreateRoleRequest.Builder request = CreateRoleRequest.builder()
        .roleName(role.name())
        .path(role.path())
        .assumeRolePolicyDocument(role.trustPolicyJson())
        .description(role.description());
    if (!role.tags().isEmpty()) {
      request.tags(tags(role.tags()));
    }
    role.permissionsBoundary().ifPresent(request::permissionsBoundary);
    role.maxSessionDurationSeconds().ifPresent(request::maxSessionDuration);
    Role created = call("CreateRole", () -> iam.get().createRole(request.build())).role();
    // IAM tags a new role with all the requested tags or fails the call, so the requested tags are the role's; the
    // boundary, session duration and description are read from the answer when it has them.
    return new RoleInfo(created.roleName(), created.path(), created.arn(),
        PolicyDocumentEncoding.decode(created.assumeRolePolicyDocument()), role.tags(),
        boundaryOf(created).or(role::permissionsBoundary),
        created.maxSessionDuration() != null ? created.maxSessionDuration()
            : role.maxSessionDurationSeconds().orElse(RoleInfo.DEFAULT_MAX_SESSION_DURATION),
        Optional.ofNullable(created.description()).or(() -> Optional.ofNullable(role.description())));
  }

  @Override
  public void updateTrustPolicy(String roleName, String policyJson) {
    call("UpdateAssumeRolePolicy",
        () -> iam.get().updateAssumeRolePolicy(r -> r.roleName(roleName).policyDocument(policyJson)));
  }

  @Override
  public void tagRole(String roleName, Map<String, String> tags) {
    call("TagRole", () -> iam.get().tagRole(r -> r.roleName(roleName).tags(tags(tags))));
  }

  @Override
  public void untagRole(String roleName, List<String> tagKeys) {
    call("UntagRole", () -> iam.get().untagRole(r -> r.roleName(roleName).tagKeys(tagKeys)));
  }

  @Override
  public void updateRole(String roleName, String description, int maxSessionDurationSeconds) {
    call("UpdateRole", () -> iam.get().updateRole(r -> r.roleName(roleName).description(description)
        .maxSessionDuration(maxSessionDurationSeconds)));
  }

  @Override
  public void putRolePermissionsBoundary(String roleName, String policyArn) {
    call("PutRolePermissionsBoundary",
        () -> iam.get().putRolePermissionsBoundary(r -> r.roleName(roleName).permissionsBoundary(policyArn)));
  }

  @Override
  public void deleteRolePermissionsBoundary(String roleName) {
    call("DeleteRolePermissionsBoundary", () -> iam.get().deleteRolePermissionsBoundary(r -> r.roleName(roleName)));
  }

  @Override
  public void deleteRole(String roleName) {
    call("DeleteRole", () -> iam.get().deleteRole(r -> r.roleName(roleName)));
  }

  @Override
  public List<String> listRolePolicyNames(String roleName) {
    // The paginator sends one request per page as it is iterated, so the iteration runs inside the translated call.
    return call("ListRolePolicies",
        () -> iam.get().listRolePoliciesPaginator(r -> r.roleName(roleName)).policyNames().stream().toList());
  }

  @Override
  public Optional<String> findRolePolicy(String roleName, String policyName) {
    return ifExists(() -> PolicyDocumentEncoding.decode(
        call("GetRolePolicy", () -> iam.get().getRolePolicy(r -> r.roleName(roleName).policyName(policyName)))
            .policyDocument()));
  }

  @Override
  public void putRolePolicy(String roleName, String policyName, String policyJson) {
    call("PutRolePolicy",
        () -> iam.get().putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(policyJson)));
  }

  @Override
  public void deleteRolePolicy(String roleName, String policyName) {
    call("DeleteRolePolicy", () -> iam.get().deleteRolePolicy(r -> r.roleName(roleName).policyName(policyName)));
  }

  @Override
  public List<String> listOidcProviderArns() {
    // Not paginated: IAM returns every provider of the account (at most 100 by default) in one answer.
    return call("ListOpenIDConnectProviders", () -> iam.get().listOpenIDConnectProviders(r -> {}))
        .openIDConnectProviderList().stream().map(OpenIDConnectProviderListEntry::arn).toList();
  }

  @Override
  public Optional<OidcProviderInfo> findOidcProvider(String arn) {
    return ifExists(() -> {
      GetOpenIdConnectProviderResponse p = call("GetOpenIDConnectProvider",
          () -> iam.get().getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
      return new OidcProviderInfo(arn, p.url(), p.clientIDList(), p.thumbprintList(), tagMap(p.tags()));
    });
  }

  @Override
  public String createOidcProvider(NewOidcProvider provider) {
    CreateOpenIdConnectProviderRequest.Builder request = CreateOpenIdConnectProviderRequest.builder()
        .url(provider.issuerUrl())
        .clientIDList(provider.clientIds());
    // IAM fetches the issuer's CA itself today; a thumbprint is only sent when the caller pins one.
    if (!provider.thumbprints().isEmpty()) {
      request.thumbprintList(provider.thumbprints());
    }
    if (!provider.tags().isEmpty()) {
      request.tags(tags(provider.tags()));
    }
    return call("CreateOpenIDConnectProvider", () -> iam.get().createOpenIDConnectProvider(request.build()))
        .openIDConnectProviderArn();
  }

  @Override
  public void deleteOidcProvider(String arn) {
    call("DeleteOpenIDConnectProvider",
        () -> iam.get().deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)));
  }

  private static RoleInfo roleInfo(Role role) {
    return new RoleInfo(role.roleName(), role.path(), role.arn(),
        PolicyDocumentEncoding.decode(role.assumeRolePolicyDocument()), tagMap(role.tags()), boundaryOf(role),
        role.maxSessionDuration() == null ? RoleInfo.DEFAULT_MAX_SESSION_DURATION : role.maxSessionDuration(),
        Optional.ofNullable(role.description()));
  }

  private static Optional<String> boundaryOf(Role role) {
    return Optional.ofNullable(role.permissionsBoundary()).map(b -> b.permissionsBoundaryArn());
  }

  /** Only called with tags to send: the Query protocol would send an empty list as an empty parameter. */
  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private static <T> T call(String operation, Supplier<T> call) {
    return AwsErrors.call(SERVICE, operation, call);
  }

  /** IAM answers {@code NoSuchEntity} for a missing role, inline policy or provider: here that is an empty answer. */
  private static <T> Optional<T> ifExists(Supplier<T> lookup) {
    try {
      return Optional.of(lookup.get());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }
}
