package dev.billingidentity.spi.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM operations the library needs, in the domain's words. Implemented by the AWS SDK adapter and by the
 * in-memory fake; both throw the {@link AwsServiceException} family for AWS's errors.
 */
public interface IamPort {
  /** {@return the role, or empty when IAM answers {@code NoSuchEntity}} */
  Optional<RoleInfo> findRole(String roleName);

  /** Creates a role. Throws {@link EntityAlreadyExistsException} when it exists. */
  RoleInfo createRole(NewRole role);

  /**
   * Replaces a role's trust policy. IAM has no precondition on this call: concurrent writers overwrite each other.
   * Throws {@link LimitExceededException} past the account's trust policy size quota.
   */
  void updateTrustPolicy(String roleName, String policyJson);

  /** Adds or overwrites tags on a role. */
  void tagRole(String roleName, Map<String, String> tags);

  /** Removes tags from a role by key; a key the role does not carry is no error. */
  void untagRole(String roleName, List<String> tagKeys);

  /**
   * Sets a role's description and maximum session duration ({@code UpdateRole}). Both are sent: IAM applies its
   * default session duration (3600) to an {@code UpdateRole} that names none.
   *
   * @param description the new description, or null to send none
   * @param maxSessionDurationSeconds 3600 to 43200
   */
  void updateRole(String roleName, String description, int maxSessionDurationSeconds);

  /**
   * Sets or replaces a role's permissions boundary. Throws {@link InvalidParameterException} for an ARN that is not a
   * managed policy's.
   */
  void putRolePermissionsBoundary(String roleName, String policyArn);

  /** Removes a role's permissions boundary. */
  void deleteRolePermissionsBoundary(String roleName);

  /** Deletes a role; its inline policies must be deleted first. */
  void deleteRole(String roleName);

  /** {@return the names of the role's inline policies (all pages)} */
  List<String> listRolePolicyNames(String roleName);

  /** {@return an inline policy's document (URL-decoded), or empty when the role has no policy of that name} */
  Optional<String> findRolePolicy(String roleName, String policyName);

  /** Creates or replaces an inline policy. */
  void putRolePolicy(String roleName, String policyName, String policyJson);

  /** Deletes an inline policy. */
  void deleteRolePolicy(String roleName, String policyName);

  /** {@return the ARNs of the account's OpenID Connect providers} */
  List<String> listOidcProviderArns();

  /** {@return a provider, or empty when it does not exist} */
  Optional<OidcProviderInfo> findOidcProvider(String arn);

  /** Creates a provider and returns its ARN. Throws {@link EntityAlreadyExistsException} when it exists. */
  String createOidcProvider(NewOidcProvider provider);

  /** Deletes a provider. */
  void deleteOidcProvider(String arn);
}
